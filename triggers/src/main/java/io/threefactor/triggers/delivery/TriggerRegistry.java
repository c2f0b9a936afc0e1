package io.threefactor.triggers.delivery;

import io.threefactor.triggers.definition.EventTriggerDefinition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The triggers this instance delivers, by name; an instance only claims events of triggers it knows. */
public final class TriggerRegistry {
    private final Map<String, EventTriggerDefinition> byName = new ConcurrentHashMap<>();

    public void put(EventTriggerDefinition definition) {
        byName.put(definition.name(), definition);
    }

    public void remove(String name) {
        byName.remove(name);
    }

    public Optional<EventTriggerDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Collection<EventTriggerDefinition> all() {
        return List.copyOf(byName.values());
    }
}
