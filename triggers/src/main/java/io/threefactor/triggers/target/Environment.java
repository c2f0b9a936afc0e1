package io.threefactor.triggers.target;

import java.util.Optional;

/** Where {@code webhook_from_env} and {@code value_from_env} are looked up (the process environment by default). */
@FunctionalInterface
public interface Environment {
    String get(String variable);

    default Optional<String> find(String variable) {
        return Optional.ofNullable(get(variable)).filter(v -> !v.isEmpty());
    }

    static Environment system() {
        return System::getenv;
    }
}
