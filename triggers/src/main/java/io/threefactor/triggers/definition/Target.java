package io.threefactor.triggers.definition;

import java.util.Objects;

/** Where a trigger's events go. */
public sealed interface Target {
    /** Hasura's {@code webhook}. */
    record WebhookUrl(String url) implements Target {
        public WebhookUrl {
            Objects.requireNonNull(url, "webhook");
        }
    }

    /** Hasura's {@code webhook_from_env}: resolved at each delivery, so a changed variable takes effect on restart. */
    record WebhookFromEnv(String variable) implements Target {
        public WebhookFromEnv {
            Objects.requireNonNull(variable, "webhook_from_env");
        }
    }

    /** threefactor's {@code function}: a Funqy function by name, its URL taken from configuration. */
    record Function(String name) implements Target {
        public Function {
            Objects.requireNonNull(name, "function");
        }
    }

    /** threefactor's {@code channel}: a message channel (RabbitMQ, Kafka, ... through the engine's messaging). */
    record Channel(String name) implements Target {
        public Channel {
            Objects.requireNonNull(name, "channel");
        }
    }
}
