package io.threefactor.triggers.target;

import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Sends one event to its trigger's target. The future never fails: a failure is an unsuccessful {@link AttemptResult}. */
public interface EventSender {
    Future<AttemptResult> send(EventTriggerDefinition trigger, String eventId, Buffer payload);
}
