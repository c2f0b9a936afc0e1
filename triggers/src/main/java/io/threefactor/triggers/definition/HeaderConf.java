package io.threefactor.triggers.definition;

import java.util.Objects;

/** A header sent with each delivery: a literal value or one read from an environment variable at delivery time. */
public sealed interface HeaderConf {
    String name();

    record Literal(String name, String value) implements HeaderConf {
        public Literal {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
        }
    }

    record FromEnv(String name, String variable) implements HeaderConf {
        public FromEnv {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(variable, "header value_from_env");
        }
    }
}
