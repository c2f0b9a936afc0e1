package io.threefactor.functions.web;

import io.quarkus.funqy.Funq;
import io.threefactor.functions.event.BadEventException;
import io.threefactor.functions.event.EventTrace;
import io.threefactor.functions.event.HasuraEvent;
import io.threefactor.functions.publish.PublishOutcome;
import io.threefactor.functions.publish.PublishProgramWorkflow;
import jakarta.inject.Inject;

/** Target of the {@code publish_program} event trigger (insert on public.publish_program). */
public class PublishProgramFunction {

    @Inject
    PublishProgramWorkflow workflow;

    @Funq("publish-program")
    public PublishOutcome publishProgram(HasuraEvent event) {
        if (event == null) {
            throw new BadEventException("the request body is empty; expected a Hasura event payload");
        }
        return EventTrace.within(event, () -> workflow.run(event));
    }
}
