package io.threefactor.engine.ir;

import java.util.Map;
import java.util.Optional;
import java.util.HashMap;

/** Hasura's comparison operators and the Postgres operator each compiles to. */
public enum CompareOp {
    EQ("_eq", "="), NEQ("_neq", "<>"), GT("_gt", ">"), GTE("_gte", ">="), LT("_lt", "<"), LTE("_lte", "<="),
    IN("_in", "= ANY"), NIN("_nin", "<> ALL"),
    LIKE("_like", "LIKE"), NLIKE("_nlike", "NOT LIKE"), ILIKE("_ilike", "ILIKE"), NILIKE("_nilike", "NOT ILIKE"),
    SIMILAR("_similar", "SIMILAR TO"), NSIMILAR("_nsimilar", "NOT SIMILAR TO"),
    REGEX("_regex", "~"), NREGEX("_nregex", "!~"), IREGEX("_iregex", "~*"), NIREGEX("_niregex", "!~*"),
    CONTAINS("_contains", "@>"), CONTAINED_IN("_contained_in", "<@"),
    HAS_KEY("_has_key", "?"), HAS_KEYS_ANY("_has_keys_any", "?|"), HAS_KEYS_ALL("_has_keys_all", "?&"),
    ANCESTOR("_ancestor", "@>"), ANCESTOR_ANY("_ancestor_any", "@>"), DESCENDANT("_descendant", "<@"),
    DESCENDANT_ANY("_descendant_any", "<@"), MATCHES("_matches", "~"), MATCHES_ANY("_matches_any", "?"),
    MATCHES_FULLTEXT("_matches_fulltext", "@"),
    ST_CONTAINS("_st_contains", "ST_Contains"), ST_CROSSES("_st_crosses", "ST_Crosses"),
    ST_EQUALS("_st_equals", "ST_Equals"), ST_INTERSECTS("_st_intersects", "ST_Intersects"),
    ST_OVERLAPS("_st_overlaps", "ST_Overlaps"), ST_TOUCHES("_st_touches", "ST_Touches"),
    ST_WITHIN("_st_within", "ST_Within"), ST_3D_INTERSECTS("_st_3d_intersects", "ST_3DIntersects");

    public final String graphqlName;
    public final String sql;

    CompareOp(String graphqlName, String sql) {
        this.graphqlName = graphqlName;
        this.sql = sql;
    }

    private static final Map<String, CompareOp> BY_NAME;

    static {
        HashMap<String, CompareOp> m = new HashMap<>();
        for (CompareOp op : values()) {
            m.put(op.graphqlName, op);
        }
        BY_NAME = Map.copyOf(m);
    }

    public static Optional<CompareOp> byName(String graphqlName) {
        return Optional.ofNullable(BY_NAME.get(graphqlName));
    }

    /** Operators whose right-hand side is a list. */
    public boolean takesList() {
        return this == IN || this == NIN || this == HAS_KEYS_ANY || this == HAS_KEYS_ALL || this == ANCESTOR_ANY
                || this == DESCENDANT_ANY || this == MATCHES_ANY;
    }

    /** PostGIS functions rather than infix operators. */
    public boolean spatialFunction() {
        return name().startsWith("ST_");
    }
}
