package io.threefactor.functions.lambda;

import io.quarkus.funqy.Funq;
import io.threefactor.functions.asset.ProcessImageWorkflow;
import jakarta.inject.Inject;

/** {@code process-image} on Lambda, behind its function URL (the {@code process_image} trigger's webhook). */
public class ProcessImageLambda {

    @Inject
    FunctionUrlAdapter adapter;

    @Inject
    ProcessImageWorkflow workflow;

    @Funq("process-image")
    public FunctionUrlResponse processImage(FunctionUrlRequest request) {
        return adapter.handle("process-image", request, workflow::run);
    }
}
