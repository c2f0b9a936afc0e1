package io.threefactor.engine.sql;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.ir.Mutation;
import io.threefactor.engine.ir.MutationOutput;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.ir.SqlValue;
import io.threefactor.engine.schema.JoinColumn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.threefactor.engine.sql.Sql.ident;
import static io.threefactor.engine.sql.Sql.literal;

/**
 * Compiles one mutation root field into one statement: data-modifying CTEs (a chain for nested inserts), then
 * a SELECT answering {@code (data json text, permission checks passed)}. The caller runs the root fields of an
 * operation in order in one transaction and rolls back if a check failed.
 */
public final class MutationCompiler {

    private final SqlCompiler queries;

    public MutationCompiler(SqlCompiler queries) {
        this.queries = queries;
    }

    public CompiledSql compile(RootNode.Mutate root) {
        Statement st = new Statement(new SqlWriter());
        List<String> rootCtes;
        if (root.mutation() instanceof Mutation.Insert ins) {
            rootCtes = st.insert(ins, List.of());
            if (st.nested) {
                st.tables.forEach((table, ctes) -> st.w.overrideSource(table, unionSource(table, ctes)));
            }
        } else if (root.mutation() instanceof Mutation.Update up) {
            rootCtes = List.of(st.update(up));
        } else {
            rootCtes = List.of(st.delete((Mutation.Delete) root.mutation()));
        }
        String rows = "_root";
        st.ctes.add(rows + " AS (" + String.join(" UNION ALL ", rootCtes.stream().map(c -> "SELECT * FROM " + c).toList()) + ")");
        String output = output(st, root.output(), rows);
        String checks = st.checks.isEmpty() ? "true" : String.join(" AND ", st.checks);
        st.w.append("WITH ").append(String.join(", ", st.ctes)).append(" SELECT ").append(output)
                .append("::text, ").append(checks);
        return st.w.build();
    }

    /**
     * A query root field run as a step of a mutation (a tracked function exposed as a mutation): its JSON, and no
     * permission check to fail.
     */
    public CompiledSql compileQueryStep(RootNode root) {
        SqlWriter w = new SqlWriter();
        w.append("SELECT ").append(queries.root(w, root)).append("::text, true");
        return w.build();
    }

    private String output(Statement st, MutationOutput output, String rows) {
        SqlWriter w = st.w;
        if (output instanceof MutationOutput.Single single) {
            String r = w.newAlias();
            return "(SELECT " + queries.rowObject(w, single.fields(), r) + " FROM " + rows + " AS " + r
                    + " WHERE " + queries.boolExp(w, single.selectFilter(), r) + " LIMIT 1)";
        }
        List<String[]> entries = new ArrayList<>();
        for (MutationOutput.ResponseField f : ((MutationOutput.Response) output).fields()) {
            if (f instanceof MutationOutput.AffectedRows a) {
                entries.add(new String[]{a.alias(), "(" + String.join(" + ", st.allCtes.stream()
                        .map(c -> "(SELECT count(*) FROM " + c + ")").toList()) + ")"});
            } else if (f instanceof MutationOutput.ResponseTypename t) {
                entries.add(new String[]{t.alias(), literal(t.typename())});
            } else if (f instanceof MutationOutput.Returning ret) {
                String r = w.newAlias();
                entries.add(new String[]{ret.alias(), "(SELECT coalesce(json_agg(" + queries.rowObject(w, ret.fields(), r)
                        + "), '[]'::json) FROM " + rows + " AS " + r + " WHERE " + queries.boolExp(w, ret.selectFilter(), r) + ")"});
            }
        }
        return SqlCompiler.jsonObject(entries);
    }

    private static String unionSource(QualifiedTable table, List<String> ctes) {
        StringBuilder b = new StringBuilder("(SELECT * FROM ").append(Sql.table(table));
        ctes.forEach(c -> b.append(" UNION ALL SELECT * FROM ").append(c));
        return b.append(')').toString();
    }

    /** The CTEs, checks and inserted tables of one statement being built. */
    private final class Statement {
        final SqlWriter w;
        final List<String> ctes = new ArrayList<>();
        final List<String> allCtes = new ArrayList<>();
        final List<String> checks = new ArrayList<>();
        final Map<QualifiedTable, List<String>> tables = new LinkedHashMap<>();
        boolean nested;
        private int next;

        Statement(SqlWriter w) {
            this.w = w;
        }

        private String cte(QualifiedTable table, String body) {
            String name = "_m" + (next++);
            ctes.add(name + " AS (" + body + ")");
            allCtes.add(name);
            tables.computeIfAbsent(table, t -> new ArrayList<>()).add(name);
            return name;
        }

        /** Inserts the rows; {@code inherited} fills join columns from the row a child hangs on. Answers the CTEs. */
        List<String> insert(Mutation.Insert ins, List<Inherited> inherited) {
            boolean flat = inherited.isEmpty() && ins.rows().stream()
                    .allMatch(r -> r.parents().isEmpty() && r.children().isEmpty());
            List<String> names = new ArrayList<>();
            if (flat) {
                names.add(cte(ins.table(), valuesInsert(ins)));
            } else {
                nested = true;
                for (Mutation.InsertRow row : ins.rows()) {
                    names.add(rowInsert(ins, row, inherited));
                }
            }
            if (!(ins.check() instanceof BoolExp.Const c && c.value())) {
                for (String name : names) {
                    String t = w.newAlias();
                    checks.add("NOT EXISTS (SELECT 1 FROM " + name + " AS " + t + " WHERE NOT coalesce("
                            + queries.boolExp(w, ins.check(), t) + ", false))");
                }
            }
            return names;
        }

        /** {@code INSERT … VALUES (…), (…)}: columns missing from a row take their DEFAULT. */
        private String valuesInsert(Mutation.Insert ins) {
            Set<String> columns = new LinkedHashSet<>();
            ins.rows().forEach(r -> columns.addAll(r.values().keySet()));
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(Sql.table(ins.table()));
            if (columns.isEmpty()) {
                sql.append(" DEFAULT VALUES");
                if (ins.rows().size() != 1) {
                    // n rows of defaults; none for an empty objects list
                    sql = new StringBuilder("INSERT INTO ").append(Sql.table(ins.table())).append(" SELECT FROM generate_series(1, ")
                            .append(ins.rows().size()).append(")");
                }
            } else {
                sql.append(" (").append(String.join(", ", columns.stream().map(Sql::ident).toList())).append(") VALUES ");
                for (int i = 0; i < ins.rows().size(); i++) {
                    Map<String, SqlValue> values = ins.rows().get(i).values();
                    sql.append(i > 0 ? ", " : "").append('(');
                    int j = 0;
                    for (String column : columns) {
                        SqlValue v = values.get(column);
                        sql.append(j++ > 0 ? ", " : "").append(v == null ? "DEFAULT" : w.value(v));
                    }
                    sql.append(')');
                }
            }
            return sql.append(onConflict(ins)).append(" RETURNING *").toString();
        }

        /** One row with its parents first and its children after, join columns taken from their CTEs. */
        private String rowInsert(Mutation.Insert ins, Mutation.InsertRow row, List<Inherited> inherited) {
            Map<String, String> values = new LinkedHashMap<>();
            Set<String> from = new LinkedHashSet<>();
            row.values().forEach((column, v) -> values.put(column, w.value(v)));
            for (Mutation.Nested parent : row.parents()) {
                String parentCte = insert(parent.insert(), List.of()).get(0);
                for (JoinColumn j : parent.join()) {
                    values.put(j.sourceColumn(), parentCte + "." + ident(j.targetColumn()));
                }
                from.add(parentCte);
            }
            for (Inherited in : inherited) {
                values.put(in.column(), in.cte() + "." + ident(in.sourceColumn()));
                from.add(in.cte());
            }
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(Sql.table(ins.table()));
            if (values.isEmpty()) {
                sql.append(" DEFAULT VALUES");
            } else {
                sql.append(" (").append(String.join(", ", values.keySet().stream().map(Sql::ident).toList()))
                        .append(") SELECT ").append(String.join(", ", values.values()));
                if (!from.isEmpty()) {
                    sql.append(" FROM ").append(String.join(", ", from));
                }
            }
            String name = cte(ins.table(), sql.append(onConflict(ins)).append(" RETURNING *").toString());
            for (Mutation.Nested child : row.children()) {
                List<Inherited> keys = new ArrayList<>();
                child.join().forEach(j -> keys.add(new Inherited(j.targetColumn(), name, j.sourceColumn())));
                insert(child.insert(), keys);
            }
            return name;
        }

        private String onConflict(Mutation.Insert ins) {
            Mutation.OnConflict oc = ins.onConflict();
            if (oc == null) {
                return "";
            }
            String target = " ON CONFLICT ON CONSTRAINT " + ident(oc.constraint());
            if (oc.updateColumns().isEmpty()) {
                return target + " DO NOTHING";
            }
            StringBuilder sql = new StringBuilder(target).append(" DO UPDATE SET ");
            for (int i = 0; i < oc.updateColumns().size(); i++) {
                String c = ident(oc.updateColumns().get(i));
                sql.append(i > 0 ? ", " : "").append(c).append(" = EXCLUDED.").append(c);
            }
            if (!(oc.where() instanceof BoolExp.Const c && c.value())) {
                // The conflicting row is visible under the table's own name in ON CONFLICT's WHERE.
                sql.append(" WHERE ").append(queries.boolExp(w, oc.where(), Sql.table(ins.table())));
            }
            return sql.toString();
        }

        String update(Mutation.Update up) {
            if (up.operations().isEmpty()) {
                // Nothing to set: Hasura answers the empty response (no rows affected) without updating.
                return cte(up.table(), "SELECT * FROM " + Sql.table(up.table()) + " WHERE false");
            }
            String t = w.newAlias();
            StringBuilder sql = new StringBuilder("UPDATE ").append(Sql.table(up.table())).append(" AS ").append(t).append(" SET ");
            for (int i = 0; i < up.operations().size(); i++) {
                Mutation.SetOperation op = up.operations().get(i);
                String column = t + "." + ident(op.column());
                String value = op.value() == null ? null : w.value(op.value());
                String expr = switch (op.kind()) {
                    case SET -> value;
                    case INC -> column + " + " + value;
                    case MUL -> column + " * " + value;
                    case DEFAULT -> "DEFAULT";
                    case APPEND -> column + " || " + value;
                    case PREPEND -> value + " || " + column;
                    case DELETE_KEY, DELETE_ELEM -> column + " - " + value;
                    case DELETE_AT_PATH -> column + " #- " + value;
                };
                sql.append(i > 0 ? ", " : "").append(ident(op.column())).append(" = ").append(expr);
            }
            sql.append(" WHERE ").append(queries.boolExp(w, up.filter(), t)).append(" RETURNING ").append(t).append(".*");
            String name = cte(up.table(), sql.toString());
            if (!(up.check() instanceof BoolExp.Const c && c.value())) {
                String r = w.newAlias();
                checks.add("NOT EXISTS (SELECT 1 FROM " + name + " AS " + r + " WHERE NOT coalesce("
                        + queries.boolExp(w, up.check(), r) + ", false))");
            }
            return name;
        }

        String delete(Mutation.Delete del) {
            String t = w.newAlias();
            return cte(del.table(), "DELETE FROM " + Sql.table(del.table()) + " AS " + t + " WHERE "
                    + queries.boolExp(w, del.filter(), t) + " RETURNING " + t + ".*");
        }
    }

    /** A child's join column filled from the row it hangs on. */
    private record Inherited(String column, String cte, String sourceColumn) { }
}
