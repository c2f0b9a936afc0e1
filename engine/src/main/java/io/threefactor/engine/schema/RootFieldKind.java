package io.threefactor.engine.schema;

/** What a root field of {@code query_root}, {@code mutation_root} or {@code subscription_root} does. */
public enum RootFieldKind {
    SELECT("select", "%s"),
    SELECT_BY_PK("select_by_pk", "%s_by_pk"),
    SELECT_AGGREGATE("select_aggregate", "%s_aggregate"),
    SELECT_STREAM("select_stream", "%s_stream"),
    INSERT("insert", "insert_%s"),
    INSERT_ONE("insert_one", "insert_%s_one"),
    UPDATE("update", "update_%s"),
    UPDATE_BY_PK("update_by_pk", "update_%s_by_pk"),
    UPDATE_MANY("update_many", "update_%s_many"),
    DELETE("delete", "delete_%s"),
    DELETE_BY_PK("delete_by_pk", "delete_%s_by_pk"),
    FUNCTION("function", "%s"),
    FUNCTION_AGGREGATE("function_aggregate", "%s_aggregate");

    /** The key of Hasura's {@code custom_root_fields}. */
    public final String configKey;
    private final String defaultPattern;

    RootFieldKind(String configKey, String defaultPattern) {
        this.configKey = configKey;
        this.defaultPattern = defaultPattern;
    }

    public String defaultName(String typeName) {
        return String.format(defaultPattern, typeName);
    }
}
