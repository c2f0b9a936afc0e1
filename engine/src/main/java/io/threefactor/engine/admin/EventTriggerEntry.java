package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.MetadataParser;
import io.threefactor.triggers.definition.DefinitionParser;
import io.threefactor.triggers.definition.InvalidDefinitionException;

import java.util.List;
import io.threefactor.engine.error.MetadataApiException;

/**
 * {@code pg_create_event_trigger} (with {@code replace}) and {@code pg_delete_event_trigger} as edits of the
 * table's {@code event_triggers}; the Postgres side follows the saved metadata (events wiring).
 */
final class EventTriggerEntry implements DocumentChange {

    private static final List<String> TOP_LEVEL = List.of("webhook", "webhook_from_env", "function", "channel",
            "headers", "request_transform", "cleanup_config", "ordered_by_primary_key");

    private final boolean create;

    EventTriggerEntry(boolean create) {
        this.create = create;
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        String name = Docs.requiredText(args, "name");
        if (!create) {
            if (!remove(doc, name)) {
                throw MetadataApiException.notExists("event trigger " + Docs.quote(name) + " does not exist");
            }
            return;
        }
        QualifiedTable table = Docs.table(args);
        try {
            DefinitionParser.createArgs(webhookForValidation(args));
        } catch (InvalidDefinitionException e) {
            throw MetadataApiException.validation(e.getMessage());
        }
        ObjectNode entry = Docs.requireTable(doc, table);
        boolean exists = find(doc, name) != null;
        if (exists && !args.path("replace").asBoolean(false)) {
            throw MetadataApiException.alreadyExists("event trigger with name " + Docs.quote(name) + " already exists");
        }
        remove(doc, name);
        ObjectNode et = Docs.array(entry, "event_triggers").addObject();
        et.put("name", name);
        ObjectNode definition = et.putObject("definition");
        definition.put("enable_manual", args.path("enable_manual").asBoolean(false));
        for (String op : List.of("insert", "update", "delete")) {
            if (args.hasNonNull(op)) {
                definition.set(op, args.get(op).deepCopy());
            }
        }
        ObjectNode retry = et.putObject("retry_conf");
        JsonNode given = args.path("retry_conf");
        retry.put("interval_sec", given.path("interval_sec").asInt(10));
        retry.put("num_retries", given.path("num_retries").asInt(0));
        retry.put("timeout_sec", given.path("timeout_sec").asInt(60));
        for (String key : TOP_LEVEL) {
            if (args.hasNonNull(key) && !(args.get(key).isArray() && args.get(key).isEmpty())) {
                et.set(key, args.get(key).deepCopy());
            }
        }
        Docs.normalizeTable(entry);
    }

    /** A {@code {{VAR}}} webhook template is resolved at delivery; for validation it only has to be present. */
    private static JsonNode webhookForValidation(JsonNode args) {
        return args;
    }

    /** [table entry, index] of the trigger named {@code name}, in any table, or null. */
    static Object[] find(ObjectNode doc, String name) {
        for (JsonNode t : Docs.tables(doc)) {
            JsonNode list = t.path("event_triggers");
            if (list.isArray()) {
                int i = Docs.indexOf((ArrayNode) list, "name", name);
                if (i >= 0) {
                    return new Object[] {t, i};
                }
            }
        }
        return null;
    }

    private static boolean remove(ObjectNode doc, String name) {
        Object[] at = find(doc, name);
        if (at == null) {
            return false;
        }
        ObjectNode table = (ObjectNode) at[0];
        ((ArrayNode) table.get("event_triggers")).remove((int) at[1]);
        Docs.normalizeTable(table);
        return true;
    }

    static QualifiedTable tableOf(JsonNode tableEntry) {
        return MetadataParser.qualifiedTable(tableEntry.path("table"));
    }
}
