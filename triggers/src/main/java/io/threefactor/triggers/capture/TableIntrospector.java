package io.threefactor.triggers.capture;

import io.threefactor.triggers.definition.InvalidDefinitionException;
import io.threefactor.triggers.definition.QualifiedTable;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a table's columns (with their types, a domain's being its base type's) and primary key from pg_catalog. */
public final class TableIntrospector {
    private static final String SQL = """
            SELECT a.attname,
                   EXISTS (SELECT 1 FROM pg_index i
                           WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS in_pk,
                   (SELECT array_position(i.indkey::int2[], a.attnum) FROM pg_index i
                    WHERE i.indrelid = c.oid AND i.indisprimary) AS pk_position,
                   (SELECT CASE WHEN t.typtype = 'd' THEN (SELECT b.typname FROM pg_type b WHERE b.oid = t.typbasetype)
                           ELSE t.typname END
                    FROM pg_type t WHERE t.oid = a.atttypid) AS type_name
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = $1 AND c.relname = $2
            ORDER BY a.attnum
            """;

    private TableIntrospector() {
    }

    public static Future<TableShape> shape(SqlClient client, QualifiedTable table) {
        return client.preparedQuery(SQL).execute(Tuple.of(table.schema(), table.name())).map(rows -> {
            if (rows.size() == 0) {
                throw new InvalidDefinitionException("table " + table.quoted() + " does not exist");
            }
            List<String> columns = new ArrayList<>();
            Map<String, String> types = new HashMap<>();
            List<Row> pk = new ArrayList<>();
            for (Row row : rows) {
                columns.add(row.getString("attname"));
                types.put(row.getString("attname"), row.getString("type_name"));
                if (row.getBoolean("in_pk")) {
                    pk.add(row);
                }
            }
            pk.sort(Comparator.comparing(r -> r.getInteger("pk_position")));
            return new TableShape(columns, pk.stream().map(r -> r.getString("attname")).toList(), types);
        });
    }
}
