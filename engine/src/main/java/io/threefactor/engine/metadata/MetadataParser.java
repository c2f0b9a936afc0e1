package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.QualifiedTable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.function.Function;

/** Reads the typed view of a Hasura v3 metadata document. Only the {@code default} Postgres source is served. */
public final class MetadataParser {

    public static final String DEFAULT_SOURCE = "default";

    public Metadata parse(ObjectNode document, long resourceVersion) {
        List<TableMetadata> tables = new ArrayList<>();
        List<TrackedFunction> functions = new ArrayList<>();
        for (JsonNode source : document.path("sources")) {
            if (!DEFAULT_SOURCE.equals(source.path("name").asText(DEFAULT_SOURCE))) {
                continue;
            }
            for (JsonNode t : source.path("tables")) {
                tables.add(table(t));
            }
            for (JsonNode f : source.path("functions")) {
                JsonNode c = f.path("configuration");
                Map<String, String> rootFields = new LinkedHashMap<>();
                c.path("custom_root_fields").fields().forEachRemaining(e -> {
                    if (e.getValue().isTextual()) {
                        rootFields.put(e.getKey(), e.getValue().asText());
                    }
                });
                functions.add(new TrackedFunction(qualifiedTable(f.path("function")), c.path("custom_name").asText(null),
                        c.path("session_argument").asText(null), c.path("exposed_as").asText(null), rootFields));
            }
        }
        Map<String, Set<String>> inherited = new LinkedHashMap<>();
        for (JsonNode r : document.path("inherited_roles")) {
            Set<String> members = new LinkedHashSet<>();
            r.path("role_set").forEach(m -> members.add(m.asText()));
            inherited.put(r.path("role_name").asText(), members);
        }
        Set<String> noIntrospection = new LinkedHashSet<>();
        document.path("graphql_schema_introspection").path("disabled_for_roles").forEach(r -> noIntrospection.add(r.asText()));
        return new Metadata(document, resourceVersion, tables, functions, inherited, apiLimits(document.path("api_limits")),
                noIntrospection);
    }

    private static Metadata.ApiLimits apiLimits(JsonNode limits) {
        if (limits.isMissingNode() || limits.isNull()) {
            return Metadata.ApiLimits.NONE;
        }
        return new Metadata.ApiLimits(limits.path("disabled").asBoolean(false),
                intOrNull(limits.path("depth_limit").path("global")), perRole(limits.path("depth_limit").path("per_role")),
                intOrNull(limits.path("node_limit").path("global")), perRole(limits.path("node_limit").path("per_role")),
                secondsOrNull(limits.path("time_limit").path("global")), secondsPerRole(limits.path("time_limit").path("per_role")));
    }

    private static Duration secondsOrNull(JsonNode n) {
        return n.isNumber() && n.asDouble() > 0 ? Duration.ofMillis(Math.round(n.asDouble() * 1000)) : null;
    }

    private static Map<String, Duration> secondsPerRole(JsonNode n) {
        Map<String, Duration> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            Duration d = secondsOrNull(e.getValue());
            if (d != null) {
                out.put(e.getKey(), d);
            }
        });
        return out;
    }

    private static Integer intOrNull(JsonNode n) {
        return n.isNumber() ? n.asInt() : null;
    }

    private static Map<String, Integer> perRole(JsonNode n) {
        Map<String, Integer> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }

    public static QualifiedTable qualifiedTable(JsonNode node) {
        if (node.isTextual()) {
            return QualifiedTable.of("public", node.asText());
        }
        return QualifiedTable.of(node.path("schema").asText("public"), node.path("name").asText());
    }

    /**
     * The columns of a {@code foreign_key_constraint_on}: a column or a list of them, or {@code {"table", "column"}}
     * / {@code {"table", "columns"}} where either key holds a column or a list (Hasura reads all of these).
     */
    public static List<String> foreignKeyColumns(JsonNode fk) {
        if (fk.isObject()) {
            return foreignKeyColumns(fk.has("columns") ? fk.path("columns") : fk.path("column"));
        }
        return fk.isTextual() ? List.of(fk.asText()) : strings(fk);
    }

    private TableMetadata table(JsonNode t) {
        QualifiedTable name = qualifiedTable(t.path("table"));
        List<Relationship> relationships = new ArrayList<>();
        t.path("object_relationships").forEach(r -> relationships.add(relationship(r, Relationship.Kind.OBJECT)));
        t.path("array_relationships").forEach(r -> relationships.add(relationship(r, Relationship.Kind.ARRAY)));
        return new TableMetadata(name, configuration(t.path("configuration")), t.path("is_enum").asBoolean(false),
                relationships,
                byRole(t.path("select_permissions"), this::select),
                byRole(t.path("insert_permissions"), this::insert),
                byRole(t.path("update_permissions"), this::update),
                byRole(t.path("delete_permissions"), p -> new Permissions.Delete(boolExp(p.path("filter")))),
                list(t.path("event_triggers")), computedFields(t.path("computed_fields")));
    }

    private static List<ComputedField> computedFields(JsonNode fields) {
        List<ComputedField> out = new ArrayList<>();
        for (JsonNode f : fields) {
            JsonNode d = f.path("definition");
            out.add(new ComputedField(f.path("name").asText(), qualifiedTable(d.path("function")),
                    d.path("table_argument").asText(null), d.path("session_argument").asText(null),
                    f.path("comment").asText(null)));
        }
        return out;
    }

    private static TableConfiguration configuration(JsonNode c) {
        if (c.isMissingNode() || c.isNull()) {
            return TableConfiguration.DEFAULT;
        }
        Map<String, String> rootFields = new LinkedHashMap<>();
        c.path("custom_root_fields").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String n = v.isObject() ? v.path("name").asText(null) : v.asText(null);
            if (n != null && !n.isEmpty()) {
                rootFields.put(e.getKey(), n);
            }
        });
        Map<String, String> columnNames = customColumnNames(c);
        String customName = c.path("custom_name").asText(null);
        return new TableConfiguration(customName, rootFields, columnNames);
    }

    private static Relationship relationship(JsonNode r, Relationship.Kind kind) {
        JsonNode using = r.path("using");
        Relationship.Using how;
        if (using.has("manual_configuration")) {
            JsonNode m = using.path("manual_configuration");
            Map<String, String> mapping = new LinkedHashMap<>();
            m.path("column_mapping").fields().forEachRemaining(e -> mapping.put(e.getKey(), e.getValue().asText()));
            how = new Relationship.Manual(qualifiedTable(m.path("remote_table")), mapping);
        } else {
            JsonNode fk = using.path("foreign_key_constraint_on");
            QualifiedTable remote = fk.isObject() && fk.has("table") ? qualifiedTable(fk.path("table")) : null;
            how = new Relationship.ForeignKeyOn(foreignKeyColumns(fk), remote);
        }
        return new Relationship(r.path("name").asText(), kind, how, r.path("comment").asText(null));
    }

    private Permissions.Select select(JsonNode p) {
        return new Permissions.Select(columns(p.path("columns")), boolExp(p.path("filter")),
                p.hasNonNull("limit") ? p.path("limit").asInt() : null,
                p.path("allow_aggregations").asBoolean(false), strings(p.path("computed_fields")),
                p.has("query_root_fields") ? strings(p.path("query_root_fields")) : null,
                p.has("subscription_root_fields") ? strings(p.path("subscription_root_fields")) : null);
    }

    private Permissions.Insert insert(JsonNode p) {
        // without columns an insert permission allows every column (Hasura: fromMaybe PCStar)
        ColumnSet columns = p.hasNonNull("columns") ? columns(p.path("columns")) : ColumnSet.ALL;
        return new Permissions.Insert(boolExp(p.path("check")), columns, presets(p.path("set")),
                p.path("backend_only").asBoolean(false));
    }

    private Permissions.Update update(JsonNode p) {
        return new Permissions.Update(columns(p.path("columns")), boolExp(p.path("filter")),
                p.has("check") ? boolExp(p.path("check")) : null, presets(p.path("set")));
    }

    private static <P> Map<String, P> byRole(JsonNode entries, Function<JsonNode, P> read) {
        Map<String, P> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.path("role").asText(), read.apply(e.path("permission"))));
        return out;
    }

    private static ColumnSet columns(JsonNode c) {
        if (c.isTextual() && "*".equals(c.asText())) {
            return ColumnSet.ALL;
        }
        return new ColumnSet(false, strings(c));
    }

    private static JsonNode boolExp(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? JsonNodeFactory.instance.objectNode() : BoolExpSpellings.normalize(n);
    }

    private static Map<String, JsonNode> presets(JsonNode set) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        set.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** A table configuration's GraphQL names for columns: {@code custom_column_names}, then {@code column_config}. */
    public static Map<String, String> customColumnNames(JsonNode configuration) {
        Map<String, String> names = new LinkedHashMap<>();
        configuration.path("custom_column_names").fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        configuration.path("column_config").fields().forEachRemaining(e -> {
            String n = e.getValue().path("custom_name").asText(null);
            if (n != null) {
                names.put(e.getKey(), n);
            }
        });
        return names;
    }
}
