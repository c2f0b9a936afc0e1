package io.threefactor.engine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.metadata.Metadata;
import io.threefactor.engine.metadata.TableMetadata;
import io.threefactor.triggers.definition.DefinitionParser;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.target.Environment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event triggers of a metadata document as the triggers module's definitions. Hasura's webhook templates are
 * resolved here: {@code "{{VAR}}"} alone becomes {@code webhook_from_env: VAR} (read at each delivery), a URL with
 * {@code {{VAR}}} inside gets the variable's value now (a missing one is reported and the trigger then reads the
 * bare variable, so its events fail and wait for redelivery instead of being lost).
 */
public final class TriggerDefinitions {

    private static final Pattern WHOLE = Pattern.compile("^\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}$");
    private static final Pattern PART = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private TriggerDefinitions() { }

    /**
     * @param problems receives (trigger name, reason) for entries that cannot be used
     */
    public static Map<String, EventTriggerDefinition> of(Metadata metadata, Environment env,
                                                         BiConsumer<String, String> problems) {
        Map<String, EventTriggerDefinition> out = new LinkedHashMap<>();
        for (TableMetadata t : metadata.tables()) {
            QualifiedTable table = new QualifiedTable(t.table().schema(), t.table().name());
            for (JsonNode entry : t.eventTriggers()) {
                String name = entry.path("name").asText();
                try {
                    out.put(name, DefinitionParser.metadataEntry(table, resolveTemplates(entry, env, problems)));
                } catch (RuntimeException e) {
                    problems.accept(name, e.getMessage());
                }
            }
        }
        return out;
    }

    static JsonNode resolveTemplates(JsonNode entry, Environment env, BiConsumer<String, String> problems) {
        JsonNode webhook = entry.get("webhook");
        if (webhook == null || !webhook.isTextual() || !webhook.asText().contains("{{")) {
            return entry;
        }
        ObjectNode copy = entry.deepCopy();
        String url = webhook.asText().trim();
        Matcher whole = WHOLE.matcher(url);
        if (whole.matches()) {
            copy.remove("webhook");
            copy.put("webhook_from_env", whole.group(1));
            return copy;
        }
        Matcher m = PART.matcher(url);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null || value.isEmpty()) {
                problems.accept(entry.path("name").asText(), "environment variable " + m.group(1) + " is not set");
                copy.remove("webhook");
                copy.put("webhook_from_env", m.group(1));
                return copy;
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        m.appendTail(resolved);
        copy.put("webhook", resolved.toString());
        return copy;
    }
}
