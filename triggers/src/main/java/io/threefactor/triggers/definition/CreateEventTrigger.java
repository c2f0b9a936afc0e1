package io.threefactor.triggers.definition;

/** The arguments of {@code pg_create_event_trigger}: a definition and whether it may replace an existing one. */
public record CreateEventTrigger(EventTriggerDefinition definition, boolean replace, String source) {
}
