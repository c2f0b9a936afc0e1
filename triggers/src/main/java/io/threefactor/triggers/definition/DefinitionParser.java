package io.threefactor.triggers.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads event trigger definitions from Hasura's two JSON shapes: the {@code pg_create_event_trigger} arguments and an
 * entry of a table's {@code event_triggers} list in metadata (where the operation specs sit under {@code definition}).
 */
public final class DefinitionParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DefinitionParser() {
    }

    /** {@code pg_create_event_trigger} arguments. */
    public static CreateEventTrigger createArgs(JsonNode args) {
        QualifiedTable table = table(required(args, "table"));
        EventTriggerDefinition definition = definition(args, args, table);
        return new CreateEventTrigger(definition, args.path("replace").asBoolean(false),
                args.path("source").asText("default"));
    }

    public static CreateEventTrigger createArgs(String json) {
        return createArgs(readTree(json));
    }

    /** One entry of {@code event_triggers} in a table's metadata. */
    public static EventTriggerDefinition metadataEntry(QualifiedTable table, JsonNode entry) {
        return definition(entry, entry.path("definition"), table);
    }

    public static EventTriggerDefinition metadataEntry(QualifiedTable table, String json) {
        return metadataEntry(table, readTree(json));
    }

    /** {@code {"schema":"s","name":"t"}} or just {@code "t"} (schema public). */
    public static QualifiedTable table(JsonNode node) {
        if (node.isTextual()) {
            return new QualifiedTable("public", node.asText());
        }
        return new QualifiedTable(node.path("schema").asText("public"), required(node, "name").asText());
    }

    private static EventTriggerDefinition definition(JsonNode top, JsonNode ops, QualifiedTable table) {
        return new EventTriggerDefinition(
                required(top, "name").asText(),
                table,
                operation(ops.get("insert")),
                operation(ops.get("update")),
                operation(ops.get("delete")),
                ops.path("enable_manual").asBoolean(false),
                retryConf(top.get("retry_conf")),
                target(top),
                headers(top.get("headers")),
                top.path("ordered_by_primary_key").asBoolean(false),
                top.hasNonNull("request_transform") ? RequestTransform.parse(top.get("request_transform")) : null);
    }

    private static OperationSpec operation(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return new OperationSpec(columns(node.get("columns")), columns(node.get("payload")));
    }

    private static ColumnSelection columns(JsonNode node) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().equals("*"))) {
            return ColumnSelection.ALL;
        }
        if (!node.isArray()) {
            throw new InvalidDefinitionException("columns must be \"*\" or a list of column names, got " + node);
        }
        List<String> names = new ArrayList<>();
        node.forEach(n -> names.add(n.asText()));
        return ColumnSelection.of(names);
    }

    private static RetryConf retryConf(JsonNode node) {
        if (node == null || node.isNull()) {
            return RetryConf.DEFAULT;
        }
        return new RetryConf(
                node.path("num_retries").asInt(RetryConf.DEFAULT.numRetries()),
                node.path("interval_sec").asInt(RetryConf.DEFAULT.intervalSec()),
                node.path("timeout_sec").asInt(RetryConf.DEFAULT.timeoutSec()));
    }

    private static Target target(JsonNode top) {
        List<Target> targets = new ArrayList<>();
        if (top.hasNonNull("webhook")) targets.add(new Target.WebhookUrl(top.get("webhook").asText()));
        if (top.hasNonNull("webhook_from_env")) targets.add(new Target.WebhookFromEnv(top.get("webhook_from_env").asText()));
        if (top.hasNonNull("function")) targets.add(new Target.Function(top.get("function").asText()));
        if (top.hasNonNull("channel")) targets.add(new Target.Channel(top.get("channel").asText()));
        if (targets.size() != 1) {
            throw new InvalidDefinitionException(
                    "exactly one of webhook, webhook_from_env, function or channel is expected");
        }
        return targets.get(0);
    }

    private static List<HeaderConf> headers(JsonNode node) {
        List<HeaderConf> headers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        for (JsonNode h : node) {
            String name = required(h, "name").asText();
            if (h.hasNonNull("value_from_env")) {
                headers.add(new HeaderConf.FromEnv(name, h.get("value_from_env").asText()));
            } else {
                headers.add(new HeaderConf.Literal(name, required(h, "value").asText()));
            }
        }
        return headers;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidDefinitionException("missing field \"" + field + "\"");
        }
        return value;
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidDefinitionException("invalid JSON: " + e.getMessage());
        }
    }
}
