package io.threefactor.triggers.definition;

import java.util.List;
import java.util.Objects;

/**
 * One event trigger, as Hasura's metadata describes it, plus threefactor's extensions ({@link Target.Function},
 * {@link Target.Channel}, {@code orderedByPrimaryKey}). A null operation spec means the operation does not fire; a
 * null {@code transform} sends the request as it is.
 */
public record EventTriggerDefinition(
        String name,
        QualifiedTable table,
        OperationSpec insert,
        OperationSpec update,
        OperationSpec delete,
        boolean enableManual,
        RetryConf retryConf,
        Target target,
        List<HeaderConf> headers,
        boolean orderedByPrimaryKey,
        RequestTransform transform) {

    public EventTriggerDefinition {
        Identifiers.requireValidTriggerName(name);
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(target, "webhook, webhook_from_env, function or channel");
        retryConf = retryConf == null ? RetryConf.DEFAULT : retryConf;
        headers = headers == null ? List.of() : List.copyOf(headers);
        if (insert == null && update == null && delete == null && !enableManual) {
            throw new InvalidDefinitionException("event trigger " + name
                    + " must have at least one of insert, update, delete or enable_manual");
        }
    }

    public static Builder builder(String name, QualifiedTable table, Target target) {
        return new Builder(name, table, target);
    }

    /** Convenience for code and tests; the metadata path goes through {@link DefinitionParser}. */
    public static final class Builder {
        private final String name;
        private final QualifiedTable table;
        private final Target target;
        private OperationSpec insert;
        private OperationSpec update;
        private OperationSpec delete;
        private boolean enableManual;
        private RetryConf retryConf = RetryConf.DEFAULT;
        private List<HeaderConf> headers = List.of();
        private boolean ordered;
        private RequestTransform transform;

        private Builder(String name, QualifiedTable table, Target target) {
            this.name = name;
            this.table = table;
            this.target = target;
        }

        public Builder insert(OperationSpec spec) { this.insert = spec; return this; }
        public Builder update(OperationSpec spec) { this.update = spec; return this; }
        public Builder delete(OperationSpec spec) { this.delete = spec; return this; }
        public Builder enableManual(boolean on) { this.enableManual = on; return this; }
        public Builder retryConf(RetryConf conf) { this.retryConf = conf; return this; }
        public Builder headers(List<HeaderConf> list) { this.headers = list; return this; }
        public Builder orderedByPrimaryKey(boolean on) { this.ordered = on; return this; }
        public Builder transform(RequestTransform t) { this.transform = t; return this; }

        public EventTriggerDefinition build() {
            return new EventTriggerDefinition(name, table, insert, update, delete, enableManual, retryConf, target,
                    headers, ordered, transform);
        }
    }
}
