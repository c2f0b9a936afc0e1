package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.threefactor.engine.error.MetadataApiException;
import io.threefactor.engine.metadata.GraphqlNames;

import java.util.Map;

/**
 * Refuses custom GraphQL names that are not GraphQL names, as Hasura's parser does ({@code "x; drop" is not valid
 * GraphQL name}), before they reach the document: a table's {@code configuration} ({@code custom_name},
 * {@code custom_root_fields}, {@code column_config.*.custom_name}, {@code custom_column_names}) and a function's
 * ({@code custom_name}, {@code custom_root_fields}).
 */
final class CustomNames {

    private CustomNames() { }

    /** A table's or a function's {@code configuration} at {@code path}. */
    static void checkConfiguration(JsonNode configuration, String path) {
        if (!configuration.isObject()) {
            return;
        }
        name(configuration.get("custom_name"), path + ".custom_name");
        rootFields(configuration.get("custom_root_fields"), path + ".custom_root_fields");
        JsonNode columnConfig = configuration.path("column_config");
        for (Map.Entry<String, JsonNode> e : columnConfig.properties()) {
            name(e.getValue().get("custom_name"), path + ".column_config." + e.getKey() + ".custom_name");
        }
        columnNames(configuration.get("custom_column_names"), path + ".custom_column_names");
    }

    /** {@code custom_root_fields}: each a name, {@code {"name": …, "comment": …}} or null. */
    static void rootFields(JsonNode fields, String path) {
        if (fields == null || !fields.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : fields.properties()) {
            JsonNode v = e.getValue();
            name(v.isObject() ? v.get("name") : v, path + "." + e.getKey() + (v.isObject() ? ".name" : ""));
        }
    }

    /** {@code custom_column_names}: column → name. */
    static void columnNames(JsonNode names, String path) {
        if (names == null || !names.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : names.properties()) {
            name(e.getValue(), path + "." + e.getKey());
        }
    }

    private static void name(JsonNode name, String path) {
        if (name == null || name.isNull()) {
            return;
        }
        if (!name.isTextual()) {
            throw MetadataApiException.parse("expected a string", path);
        }
        if (!GraphqlNames.valid(name.asText())) {
            throw MetadataApiException.parse(GraphqlNames.notValid(name.asText()), path);
        }
    }
}
