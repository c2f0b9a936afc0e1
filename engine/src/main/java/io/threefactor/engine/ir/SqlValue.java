package io.threefactor.engine.ir;

/**
 * A value the SQL compiler binds as a parameter and casts to {@code pgType}.
 *
 * @param array whether the value is a list bound as {@code text[]} (for {@code _in}, {@code _has_keys_any}, …)
 */
public record SqlValue(ParamValue source, String pgType, boolean array) {

    public static SqlValue of(ParamValue source, String pgType) {
        return new SqlValue(source, pgType, false);
    }

    public static SqlValue list(ParamValue source, String pgType) {
        return new SqlValue(source, pgType, true);
    }
}
