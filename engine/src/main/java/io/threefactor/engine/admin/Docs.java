package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.MetadataParser;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import io.threefactor.engine.error.MetadataApiException;

/** Navigation and small edits of a Hasura v3 metadata document (the {@code default} source only). */
public final class Docs {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Key order of a table entry, as Hasura exports it. */
    private static final List<String> TABLE_KEYS = List.of("table", "is_enum", "configuration", "object_relationships",
            "array_relationships", "computed_fields", "remote_relationships", "insert_permissions",
            "select_permissions", "update_permissions", "delete_permissions", "event_triggers");

    private Docs() { }

    /** The default source, created if the document has none. */
    public static ObjectNode source(ObjectNode doc) {
        ArrayNode sources = doc.has("sources") && doc.get("sources").isArray()
                ? (ArrayNode) doc.get("sources") : doc.putArray("sources");
        for (JsonNode s : sources) {
            if (MetadataParser.DEFAULT_SOURCE.equals(s.path("name").asText())) {
                return (ObjectNode) s;
            }
        }
        ObjectNode s = sources.addObject();
        s.put("name", MetadataParser.DEFAULT_SOURCE).put("kind", "postgres");
        s.putArray("tables");
        s.putObject("configuration").putObject("connection_info").putObject("database_url")
                .put("from_env", "HASURA_GRAPHQL_DATABASE_URL");
        return s;
    }

    public static ArrayNode array(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        return n != null && n.isArray() ? (ArrayNode) n : parent.putArray(field);
    }

    public static ArrayNode tables(ObjectNode doc) {
        return array(source(doc), "tables");
    }

    public static Optional<ObjectNode> findTable(ObjectNode doc, QualifiedTable table) {
        for (JsonNode t : tables(doc)) {
            if (MetadataParser.qualifiedTable(t.path("table")).equals(table)) {
                return Optional.of((ObjectNode) t);
            }
        }
        return Optional.empty();
    }

    /** The tracked table's entry, or Hasura's {@code not-exists}. */
    public static ObjectNode requireTable(ObjectNode doc, QualifiedTable table) {
        return findTable(doc, table).orElseThrow(() -> MetadataApiException.notExists(
                "table " + quote(table.name()) + " does not exist in source: " + MetadataParser.DEFAULT_SOURCE));
    }

    /** {@code args.table}: a name (schema public) or {@code {"schema","name"}}. */
    public static QualifiedTable table(JsonNode args) {
        return tableAt(args, "table");
    }

    /** {@code args.table}, or the v1 {@code track_table} form with {@code schema} and {@code name} at the top. */
    public static QualifiedTable legacyTable(JsonNode args) {
        if (!args.has("table") && args.path("name").isTextual()) {
            return MetadataParser.qualifiedTable(args);
        }
        return table(args);
    }

    public static QualifiedTable tableAt(JsonNode args, String field) {
        JsonNode t = args.get(field);
        if (t == null || t.isNull()) {
            throw MetadataApiException.parse("the key '" + field + "' was not present", "$.args");
        }
        if (!t.isTextual() && !(t.isObject() && t.path("name").isTextual())) {
            throw MetadataApiException.parse("expected a table name or {\"schema\",\"name\"}", "$.args." + field);
        }
        return MetadataParser.qualifiedTable(t);
    }

    public static ObjectNode tableRef(QualifiedTable table) {
        return F.objectNode().put("name", table.name()).put("schema", table.schema());
    }

    public static String requiredText(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            throw MetadataApiException.parse("the key '" + field + "' was not present", "$.args");
        }
        if (!v.isTextual()) {
            throw MetadataApiException.parse("expected a string for '" + field + "'", "$.args." + field);
        }
        return v.asText();
    }

    public static JsonNode required(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            throw MetadataApiException.parse("the key '" + field + "' was not present", "$.args");
        }
        return v;
    }

    /** The element of {@code list} whose {@code key} field equals {@code value}, with its index, or -1. */
    public static int indexOf(ArrayNode list, String key, String value) {
        for (int i = 0; i < list.size(); i++) {
            if (value.equals(list.get(i).path(key).asText(null))) {
                return i;
            }
        }
        return -1;
    }

    /** Puts a table entry's keys in Hasura's order and drops empty lists and objects, as Hasura's export does. */
    public static void normalizeTable(ObjectNode table) {
        ObjectNode copy = table.deepCopy();
        table.removeAll();
        for (String key : TABLE_KEYS) {
            JsonNode v = copy.get(key);
            if (v != null && !isEmpty(v)) {
                table.set(key, v);
            }
        }
        Iterator<String> rest = copy.fieldNames();
        while (rest.hasNext()) {
            String key = rest.next();
            if (!table.has(key) && !isEmpty(copy.get(key))) {
                table.set(key, copy.get(key));
            }
        }
    }

    private static boolean isEmpty(JsonNode v) {
        return v.isNull() || (v.isContainerNode() && v.isEmpty());
    }

    public static String quote(String s) {
        return "\"" + s + "\"";
    }
}
