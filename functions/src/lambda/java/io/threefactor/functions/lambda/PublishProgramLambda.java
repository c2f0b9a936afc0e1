package io.threefactor.functions.lambda;

import io.quarkus.funqy.Funq;
import io.threefactor.functions.publish.PublishProgramWorkflow;
import jakarta.inject.Inject;

/** {@code publish-program} on Lambda, behind its function URL (the {@code publish_program} trigger's webhook). */
public class PublishProgramLambda {

    @Inject
    FunctionUrlAdapter adapter;

    @Inject
    PublishProgramWorkflow workflow;

    @Funq("publish-program")
    public FunctionUrlResponse publishProgram(FunctionUrlRequest request) {
        return adapter.handle("publish-program", request, workflow::run);
    }
}
