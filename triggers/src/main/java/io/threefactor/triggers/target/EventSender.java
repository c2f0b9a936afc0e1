package io.threefactor.triggers.target;

import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.Optional;

/** Sends one event to its trigger's target. The future never fails: a failure is an unsuccessful {@link AttemptResult}. */
public interface EventSender {
    /** {@code traceparent}: the trace of the change that raised the event, sent along where the target takes headers. */
    Future<AttemptResult> send(EventTriggerDefinition trigger, String eventId, Buffer payload,
            Optional<String> traceparent);
}
