package io.threefactor.functions.web;

import io.quarkus.funqy.Funq;
import io.threefactor.functions.asset.AssetOutcome;
import io.threefactor.functions.asset.ProcessImageWorkflow;
import io.threefactor.functions.event.BadEventException;
import io.threefactor.functions.event.EventTrace;
import io.threefactor.functions.event.HasuraEvent;
import jakarta.inject.Inject;

/** Target of the {@code process_image} event trigger (insert on public.asset). */
public class ProcessImageFunction {

    @Inject
    ProcessImageWorkflow workflow;

    @Funq("process-image")
    public AssetOutcome processImage(HasuraEvent event) {
        if (event == null) {
            throw new BadEventException("the request body is empty; expected a Hasura event payload");
        }
        return EventTrace.within(event, () -> workflow.run(event));
    }
}
