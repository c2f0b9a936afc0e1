package io.threefactor.triggers.capture;

import io.threefactor.triggers.definition.ColumnSelection;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.definition.InvalidDefinitionException;
import io.threefactor.triggers.definition.OperationSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.threefactor.triggers.definition.Identifiers.literal;
import static io.threefactor.triggers.definition.Identifiers.quote;

/**
 * The SQL that installs and drops one trigger's Postgres row triggers, shaped like Hasura's: a plpgsql function
 * {@code hdb_catalog."notify_hasura_<name>_<OP>"()} and an AFTER ... FOR EACH ROW trigger of the same name on the table.
 * Every name is validated and quoted, every value is a literal, so a definition cannot inject SQL.
 */
public final class TriggerFunctionSql {
    private TriggerFunctionSql() {
    }

    public static List<String> drop(String triggerName) {
        List<String> statements = new ArrayList<>();
        for (Operation op : Operation.values()) {
            statements.add("DROP FUNCTION IF EXISTS hdb_catalog." + quote(op.functionName(triggerName)) + "() CASCADE");
        }
        return statements;
    }

    /** Drops whatever the name had, then creates the functions and triggers of the definition's operations. */
    public static List<String> install(EventTriggerDefinition def, TableShape shape) {
        return install(def, shape, new PayloadColumns(false));
    }

    /** {@link #install(EventTriggerDefinition, TableShape)}, rows written into payloads as {@code payload} says. */
    public static List<String> install(EventTriggerDefinition def, TableShape shape, PayloadColumns payload) {
        if (def.orderedByPrimaryKey() && shape.primaryKey().isEmpty()) {
            throw new InvalidDefinitionException("ordered_by_primary_key needs a primary key on " + def.table().quoted());
        }
        List<String> statements = new ArrayList<>(drop(def.name()));
        addOperation(statements, def, Operation.INSERT, def.insert(), shape, payload);
        addOperation(statements, def, Operation.UPDATE, def.update(), shape, payload);
        addOperation(statements, def, Operation.DELETE, def.delete(), shape, payload);
        return statements;
    }

    private static void addOperation(List<String> out, EventTriggerDefinition def, Operation op, OperationSpec spec,
            TableShape shape, PayloadColumns payload) {
        if (spec == null) {
            return;
        }
        validateColumns(spec.columns(), shape, def);
        validateColumns(spec.payload(), shape, def);
        String function = "hdb_catalog." + quote(op.functionName(def.name()));
        out.add("CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS "
                + dollarQuote(body(def, op, spec, shape, payload)));
        out.add("CREATE TRIGGER " + quote(op.functionName(def.name())) + " AFTER " + op.name() + " ON "
                + def.table().quoted() + " FOR EACH ROW EXECUTE PROCEDURE " + function + "()");
    }

    private static String body(EventTriggerDefinition def, Operation op, OperationSpec spec, TableShape shape,
            PayloadColumns payload) {
        String insertEvent = "PERFORM hdb_catalog.tf_insert_event_log(" + literal(def.table().schema()) + ", "
                + literal(def.table().name()) + ", " + literal(def.name()) + ", TG_OP, _data, "
                + orderingKey(def, op, shape) + ");";
        return switch (op) {
            case INSERT -> """
                    DECLARE _data json;
                    BEGIN
                      _data := json_build_object('old', NULL, 'new', %s);
                      %s
                      RETURN NEW;
                    END
                    """.formatted(payload.json("NEW", delivered(spec.payload()), shape), insertEvent);
            case DELETE -> """
                    DECLARE _data json;
                    BEGIN
                      _data := json_build_object('old', %s, 'new', NULL);
                      %s
                      RETURN OLD;
                    END
                    """.formatted(payload.json("OLD", delivered(spec.payload()), shape), insertEvent);
            // Record variables compared with *<> (binary image): NULLs compare equal, and it works for column types
            // without an equality operator (json), without Hasura's per-row exception block.
            case UPDATE -> """
                    DECLARE _old record; _new record; _data json;
                    BEGIN
                      _old := %s;
                      _new := %s;
                      IF _old *<> _new THEN
                        _data := json_build_object('old', %s, 'new', %s);
                        %s
                      END IF;
                      RETURN NEW;
                    END
                    """.formatted(watched("OLD", spec.columns()), watched("NEW", spec.columns()),
                    payload.json("OLD", delivered(spec.payload()), shape), payload.json("NEW", delivered(spec.payload()), shape), insertEvent);
        };
    }

    private static String watched(String row, ColumnSelection columns) {
        if (columns instanceof ColumnSelection.Columns list) {
            return "row(" + list.names().stream().map(c -> row + "." + quote(c)).collect(Collectors.joining(", "))
                    + ")";
        }
        return row;
    }


    /** The delivered columns, or null for all of them. */
    private static List<String> delivered(ColumnSelection payload) {
        return payload instanceof ColumnSelection.Columns list ? list.names() : null;
    }

    private static String orderingKey(EventTriggerDefinition def, Operation op, TableShape shape) {
        if (!def.orderedByPrimaryKey()) {
            return "NULL";
        }
        String row = op == Operation.DELETE ? "OLD" : "NEW";
        return "json_build_array(" + shape.primaryKey().stream().map(c -> row + "." + quote(c))
                .collect(Collectors.joining(", ")) + ")::text";
    }

    private static void validateColumns(ColumnSelection selection, TableShape shape, EventTriggerDefinition def) {
        if (selection instanceof ColumnSelection.Columns list) {
            for (String column : list.names()) {
                if (!shape.columns().contains(column)) {
                    throw new InvalidDefinitionException("column \"" + column + "\" of event trigger " + def.name()
                            + " does not exist in " + def.table().quoted());
                }
            }
            if (list.names().isEmpty()) {
                throw new InvalidDefinitionException("event trigger " + def.name() + " lists no columns");
            }
        }
    }

    private static String dollarQuote(String body) {
        String tag = "$tf$";
        for (int i = 0; body.contains(tag); i++) {
            tag = "$tf" + i + "$";
        }
        return tag + "\n" + body + tag;
    }
}
