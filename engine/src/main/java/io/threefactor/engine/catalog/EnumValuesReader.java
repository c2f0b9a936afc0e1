package io.threefactor.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.io.IOException;

/**
 * Reads the values of enum tables (Hasura's {@code is_enum}): the single-column text primary key is the value,
 * the only other column, if any, its description. All tables in one query.
 */
public final class EnumValuesReader {

    private final ObjectMapper json;

    public EnumValuesReader(ObjectMapper json) {
        this.json = json;
    }

    public Future<Map<QualifiedTable, List<EnumValue>>> read(SqlClient client, Catalog catalog, List<QualifiedTable> enumTables) {
        List<String> parts = new ArrayList<>();
        List<QualifiedTable> read = new ArrayList<>();
        for (QualifiedTable name : enumTables) {
            TableInfo t = catalog.table(name).orElse(null);
            if (t == null || t.primaryKey().size() != 1) {
                continue;
            }
            String value = t.primaryKey().get(0);
            List<ColumnInfo> others = t.columns().stream().filter(c -> !c.name().equals(value)).toList();
            String comment = others.size() == 1 ? quote(others.get(0).name()) + "::text" : "NULL";
            parts.add("(SELECT coalesce(json_agg(json_build_array(" + quote(value) + "::text, " + comment + ") ORDER BY "
                    + quote(value) + "), '[]') FROM " + quote(name.schema()) + "." + quote(name.name()) + ")");
            read.add(name);
        }
        if (read.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return client.query("SELECT json_build_array(" + String.join(", ", parts) + ")::text").execute().map(rows -> {
            Map<QualifiedTable, List<EnumValue>> out = new HashMap<>();
            try {
                JsonNode all = json.readTree(rows.iterator().next().getString(0));
                for (int i = 0; i < read.size(); i++) {
                    List<EnumValue> values = new ArrayList<>();
                    all.get(i).forEach(v -> values.add(new EnumValue(v.get(0).asText(), v.get(1).isNull() ? null : v.get(1).asText())));
                    out.put(read.get(i), values);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
