package io.threefactor.engine.sql;

import io.threefactor.engine.catalog.QualifiedTable;

/** Quoting of identifiers and literals. Identifiers are always quoted; values are always parameters. */
public final class Sql {

    private Sql() { }

    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String table(QualifiedTable t) {
        return ident(t.schema()) + "." + ident(t.name());
    }

    /** A string literal, for names the engine itself produces (JSON keys, type names). */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
