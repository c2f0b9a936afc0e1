package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.ForeignKey;
import io.threefactor.engine.catalog.FunctionInfo;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;
import io.threefactor.engine.metadata.InheritedMutationPermissions;
import io.threefactor.engine.metadata.MetadataParser;
import io.threefactor.engine.metadata.ServableMetadata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a metadata document against the database and lists what does not match, in Hasura's
 * {@code inconsistent_objects} shape ({@code definition}, {@code name}, {@code reason}, {@code type}). Used by
 * {@code get_inconsistent_metadata} and, before and after every change, to reject a change that would add one.
 */
public final class Inconsistencies {

    private static final Set<String> BOOL_OPERATORS = Set.of("_and", "_or", "_not", "_exists");
    private static final String SOURCE = MetadataParser.DEFAULT_SOURCE;
    private static final String INHERITED_ROLE_CONFLICT = "inherited role permission inconsistency";

    private final Catalog catalog;
    private final Set<String> functions;
    private final List<ObjectNode> found = new ArrayList<>();

    /** @param functions the database's functions as {@code schema.name} */
    private Inconsistencies(Catalog catalog, Set<String> functions) {
        this.catalog = catalog;
        this.functions = functions;
    }

    public static List<ObjectNode> check(ObjectNode doc, Catalog catalog, Set<String> functions) {
        Inconsistencies c = new Inconsistencies(catalog, functions);
        c.run(doc);
        return c.found;
    }

    /**
     * Objects of {@code after} that {@code before} did not have (by name and reason). An inherited role's conflict
     * is not one: as in Hasura it is only reported (the role just lacks that permission), never refuses a change.
     */
    public static List<ObjectNode> added(List<ObjectNode> before, List<ObjectNode> after) {
        Set<String> known = new HashSet<>();
        before.forEach(o -> known.add(o.path("name").asText() + "\n" + o.path("reason").asText()));
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : after) {
            if (INHERITED_ROLE_CONFLICT.equals(o.path("type").asText())) {
                continue;
            }
            if (!known.contains(o.path("name").asText() + "\n" + o.path("reason").asText())) {
                out.add(o);
            }
        }
        return out;
    }

    private void run(ObjectNode doc) {
        Set<QualifiedTable> tracked = new LinkedHashSet<>();
        for (JsonNode t : Docs.tables(doc)) {
            tracked.add(MetadataParser.qualifiedTable(t.path("table")));
        }
        for (JsonNode t : Docs.tables(doc)) {
            QualifiedTable name = MetadataParser.qualifiedTable(t.path("table"));
            Optional<TableInfo> info = catalog.table(name);
            if (info.isEmpty()) {
                add("table", "table " + name.name() + " in source " + SOURCE,
                        "no such table/view exists in source: " + Docs.quote(name.name()), t.path("table"));
                continue;
            }
            Map<String, String> customNames = MetadataParser.customColumnNames(t.path("configuration"));
            for (JsonNode r : t.path("object_relationships")) {
                relationship(name, info.get(), customNames, r, true, tracked);
            }
            for (JsonNode r : t.path("array_relationships")) {
                relationship(name, info.get(), customNames, r, false, tracked);
            }
            Set<String> computed = new HashSet<>();
            t.path("computed_fields").forEach(cf -> computed.add(cf.path("name").asText()));
            for (String kind : List.of("select", "insert", "update", "delete")) {
                for (JsonNode p : t.path(kind + "_permissions")) {
                    permission(name, info.get(), computed, kind, p);
                }
            }
            for (JsonNode cf : t.path("computed_fields")) {
                JsonNode fn = cf.path("definition").path("function");
                QualifiedTable f = MetadataParser.qualifiedTable(fn);
                if (!functions.contains(f.schema() + "." + f.name())) {
                    add("computed_field", "computed_field " + cf.path("name").asText() + " in table " + name.name()
                            + " in source " + SOURCE, "in table " + Docs.quote(name.name()) + ": in computed field "
                            + Docs.quote(cf.path("name").asText()) + ": no such function exists: "
                            + Docs.quote(f.name()), withTable(cf, name));
                }
            }
            for (JsonNode et : t.path("event_triggers")) {
                eventTrigger(name, info.get(), et);
            }
        }
        names(doc);
        inheritedPermissions(doc);
        for (JsonNode f : Docs.source(doc).path("functions")) {
            QualifiedTable fn = MetadataParser.qualifiedTable(f.path("function"));
            if (!functions.contains(fn.schema() + "." + fn.name())) {
                add("function", "function " + fn.name() + " in source " + SOURCE,
                        "in function " + Docs.quote(fn.name()) + ": no such function exists in postgres : "
                                + Docs.quote(fn.name()), f);
            } else {
                catalog.function(fn).flatMap(info -> sessionArgumentProblem(info, f)).ifPresent(reason ->
                        add("function", "function " + fn.name() + " in source " + SOURCE, "in function "
                                + Docs.quote(fn.name()) + ": the function " + Docs.quote(fn.name())
                                + " cannot be tracked because " + reason, f.path("function")));
            }
        }
    }

    /** Inherited roles whose parents' insert/update/delete permissions on a table differ (Hasura's shape). */
    private void inheritedPermissions(ObjectNode doc) {
        for (InheritedMutationPermissions.Conflict c
                : new InheritedMutationPermissions(new MetadataParser().parse(doc, 0)).conflicts()) {
            String table = c.table().table().name();
            ObjectNode o = Docs.F.objectNode();
            o.put("reason", "Could not inherit permission for the role '" + c.role() + "' for the entity: '"
                    + c.kind().name + " permission, table: " + table + ", source: '" + SOURCE + "''");
            o.put("name", c.role());
            o.put("type", INHERITED_ROLE_CONFLICT);
            o.putObject("entity").put("permission_type", c.kind().name).put("source", SOURCE).put("table", table);
            found.add(o);
        }
    }

    /** {@code configuration.session_argument} must be one of the function's arguments, of type json. */
    private static Optional<String> sessionArgumentProblem(FunctionInfo info, JsonNode tracked) {
        String name = tracked.path("configuration").path("session_argument").asText(null);
        if (name == null) {
            return Optional.empty();
        }
        Optional<FunctionInfo.Argument> argument = info.argument(name);
        if (argument.isEmpty()) {
            return Optional.of("given session argument " + Docs.quote(name) + " not the input argument of the function");
        }
        return "json".equals(argument.get().typeName()) ? Optional.empty()
                : Optional.of("given session argument " + Docs.quote(name) + " is not of type json");
    }

    /** Objects whose GraphQL names are not valid: the schema leaves them out ({@link ServableMetadata}). */
    private void names(ObjectNode doc) {
        for (ServableMetadata.Problem p : ServableMetadata.of(new MetadataParser().parse(doc, 0), catalog).problems()) {
            QualifiedTable t = p.table();
            switch (p.kind()) {
                case TABLE -> add("table", "table " + t.name() + " in source " + SOURCE, p.reason(),
                        Docs.findTable(doc, t).map(e -> e.path("table")).orElse(Docs.tableRef(t)));
                case COMPUTED_FIELD -> Docs.findTable(doc, t).ifPresent(e -> e.path("computed_fields").forEach(cf -> {
                    if (p.object().equals(cf.path("name").asText())) {
                        add("computed_field", "computed_field " + p.object() + " in table " + t.name() + " in source "
                                + SOURCE, "in table " + Docs.quote(t.name()) + ": in computed field "
                                + Docs.quote(p.object()) + ": " + p.reason(), withTable(cf, t));
                    }
                }));
                case FUNCTION -> Docs.source(doc).path("functions").forEach(f -> {
                    if (MetadataParser.qualifiedTable(f.path("function")).equals(t)) {
                        add("function", "function " + t.name() + " in source " + SOURCE,
                                "in function " + Docs.quote(t.name()) + ": " + p.reason(), f);
                    }
                });
            }
        }
    }

    /**
     * A relationship's field against the columns' fields, as Hasura's schema cache checks them: first a column whose
     * custom name it takes, then a column of its name.
     */
    private static Optional<String> fieldConflict(TableInfo info, Map<String, String> customNames, String field) {
        for (Map.Entry<String, String> e : customNames.entrySet()) {
            if (e.getValue().equals(field) && !e.getKey().equals(field) && info.column(e.getKey()).isPresent()) {
                return Optional.of("field definition conflicts with custom field name for postgres column "
                        + Docs.quote(e.getKey()));
            }
        }
        return info.column(field).isPresent() ? Optional.of("field definition conflicts with postgres column")
                : Optional.empty();
    }

    private void relationship(QualifiedTable owner, TableInfo info, Map<String, String> customNames, JsonNode r,
                              boolean object, Set<QualifiedTable> tracked) {
        String relName = r.path("name").asText();
        String type = object ? "object_relation" : "array_relation";
        String prefix = "in table " + Docs.quote(owner.name()) + ": in relationship " + Docs.quote(relName) + ": ";
        String objName = type + " " + relName + " in table " + owner.name() + " in source " + SOURCE;
        Optional<String> conflict = fieldConflict(info, customNames, relName);
        if (conflict.isPresent()) {
            add(type, objName, conflict.get(), withTable(r, owner));
            return;
        }
        JsonNode using = r.path("using");
        QualifiedTable target;
        if (using.has("manual_configuration")) {
            JsonNode m = using.path("manual_configuration");
            target = MetadataParser.qualifiedTable(m.path("remote_table"));
            Optional<TableInfo> remote = catalog.table(target);
            if (remote.isEmpty()) {
                add(type, objName, prefix + "table " + Docs.quote(target.name()) + " does not exist", withTable(r, owner));
                return;
            }
            var fields = m.path("column_mapping").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (info.column(e.getKey()).isEmpty()) {
                    add(type, objName, prefix + "no such column exists: " + Docs.quote(e.getKey()), withTable(r, owner));
                    return;
                }
                if (remote.get().column(e.getValue().asText()).isEmpty()) {
                    add(type, objName, prefix + "no such column exists: " + Docs.quote(e.getValue().asText()),
                            withTable(r, owner));
                    return;
                }
            }
        } else if (using.has("foreign_key_constraint_on")) {
            JsonNode fk = using.path("foreign_key_constraint_on");
            if (fk.isObject() && fk.has("table")) {
                target = MetadataParser.qualifiedTable(fk.path("table"));
                List<String> cols = MetadataParser.foreignKeyColumns(fk);
                Optional<TableInfo> remote = catalog.table(target);
                if (remote.isEmpty()) {
                    add(type, objName, prefix + "table " + Docs.quote(target.name()) + " does not exist",
                            withTable(r, owner));
                    return;
                }
                Optional<ForeignKey> key = remote.get().foreignKeyOn(cols).filter(k -> k.refTable().equals(owner));
                if (key.isEmpty()) {
                    add(type, objName, prefix + "no foreign constraint exists on the given column(s)", withTable(r, owner));
                    return;
                }
            } else {
                List<String> cols = MetadataParser.foreignKeyColumns(fk);
                for (String c : cols) {
                    if (info.column(c).isEmpty()) {
                        add(type, objName, prefix + "no such column exists: " + Docs.quote(c), withTable(r, owner));
                        return;
                    }
                }
                Optional<ForeignKey> key = info.foreignKeyOn(cols);
                if (key.isEmpty()) {
                    add(type, objName, prefix + "no foreign constraint exists on the given column(s)", withTable(r, owner));
                    return;
                }
                target = key.get().refTable();
            }
        } else {
            add(type, objName, prefix + "one of foreign_key_constraint_on/manual_configuration should be present",
                    withTable(r, owner));
            return;
        }
        if (!tracked.contains(target)) {
            add(type, objName, prefix + "table " + Docs.quote(target.name()) + " is not tracked", withTable(r, owner));
        }
    }

    /** @param computed the table's computed fields: a filter may compare a scalar one like a column */
    private void permission(QualifiedTable owner, TableInfo info, Set<String> computed, String kind, JsonNode p) {
        String role = p.path("role").asText();
        String objName = kind + "_permission " + role + " in table " + owner.name() + " in source " + SOURCE;
        String prefix = "in table " + Docs.quote(owner.name()) + ": in permission for role " + Docs.quote(role) + ": ";
        JsonNode perm = p.path("permission");
        List<String> missing = new ArrayList<>();
        JsonNode columns = perm.path("columns");
        if (columns.isArray()) {
            columns.forEach(c -> {
                if (info.column(c.asText()).isEmpty()) {
                    missing.add(c.asText());
                }
            });
        }
        perm.path("set").fieldNames().forEachRemaining(c -> {
            if (info.column(c).isEmpty()) {
                missing.add(c);
            }
        });
        boolColumns(perm.path("filter"), info, computed, missing);
        boolColumns(perm.path("check"), info, computed, missing);
        if (!missing.isEmpty()) {
            add(kind + "_permission", objName, prefix + "no such column exists: " + Docs.quote(missing.get(0)),
                    withTable(p, owner));
        }
    }

    /**
     * Column names used at the top of a boolean expression (and inside {@code _and/_or/_not}) that the table lacks
     * (and that are not computed fields). A key whose value holds no comparison operator ({@code _eq}, …) is a
     * relationship or computed field and is not followed.
     */
    private static void boolColumns(JsonNode exp, TableInfo info, Set<String> computed, List<String> missing) {
        if (exp.isArray()) {
            exp.forEach(e -> boolColumns(e, info, computed, missing));
            return;
        }
        if (!exp.isObject()) {
            return;
        }
        exp.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (BOOL_OPERATORS.contains(key)) {
                if (!"_exists".equals(key)) {
                    boolColumns(e.getValue(), info, computed, missing);
                }
                return;
            }
            boolean comparison = e.getValue().isObject() && e.getValue().size() > 0;
            var names = e.getValue().fieldNames();
            while (names.hasNext()) {
                String op = names.next();
                if (!op.startsWith("_") || "_and".equals(op) || "_or".equals(op) || "_not".equals(op)
                        || "_exists".equals(op)) {
                    comparison = false;
                }
            }
            if (comparison && info.column(key).isEmpty() && !computed.contains(key)) {
                missing.add(key);
            }
        });
    }

    private void eventTrigger(QualifiedTable owner, TableInfo info, JsonNode et) {
        String name = et.path("name").asText();
        for (String op : List.of("insert", "update", "delete")) {
            JsonNode spec = et.path("definition").path(op);
            for (String part : List.of("columns", "payload")) {
                JsonNode cols = spec.path(part);
                if (cols.isArray()) {
                    for (JsonNode c : cols) {
                        if (info.column(c.asText()).isEmpty()) {
                            add("event_trigger", "event_trigger " + name + " in table " + owner.name() + " in source "
                                    + SOURCE, "in table " + Docs.quote(owner.name()) + ": in event trigger "
                                    + Docs.quote(name) + ": no such column exists: " + Docs.quote(c.asText()),
                                    withTable(et, owner));
                            return;
                        }
                    }
                }
            }
        }
    }

    private static ObjectNode withTable(JsonNode entry, QualifiedTable table) {
        ObjectNode def = entry.deepCopy();
        def.put("source", SOURCE);
        def.set("table", Docs.tableRef(table));
        return def;
    }

    private void add(String type, String name, String reason, JsonNode definition) {
        ObjectNode o = Docs.F.objectNode();
        o.set("definition", definition.deepCopy());
        o.put("name", name);
        o.put("reason", "Inconsistent object: " + reason);
        o.put("type", type);
        found.add(o);
    }

    /** {@code {"is_consistent":…,"inconsistent_objects":[…]}}. */
    public static ObjectNode report(List<ObjectNode> objects) {
        ObjectNode out = Docs.F.objectNode();
        out.put("is_consistent", objects.isEmpty());
        ArrayNode list = out.putArray("inconsistent_objects");
        objects.forEach(list::add);
        return out;
    }
}
