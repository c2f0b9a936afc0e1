package io.threefactor.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged Hasura v3 metadata directory, read from the classpath with every
 * {@code "!include <file>"} string replaced by the parsed file it names (relative to the including file).
 */
final class HasuraMetadata {

    static final String DIRECTORY = AppResources.ROOT + "metadata/";
    private static final String INCLUDE = "!include ";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private HasuraMetadata() {
    }

    static JsonNode parse(String path) {
        try {
            JsonNode node = YAML.readTree(AppResources.readString(path));
            // An empty file (actions.graphql aside) reads as missing; Hasura treats it as empty.
            return node == null ? YAML.nullNode() : node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + path, e);
        }
    }

    /** Parses a file and resolves its includes recursively; a missing include target fails. */
    static JsonNode load(String path) {
        return resolve(parse(path), path.substring(0, path.lastIndexOf('/') + 1));
    }

    /** The tracked tables of the default source, includes resolved. */
    static List<JsonNode> defaultSourceTables() {
        JsonNode databases = load(DIRECTORY + "databases/databases.yaml");
        for (JsonNode source : databases) {
            if (source.path("name").asText().equals("default")) {
                List<JsonNode> tables = new ArrayList<>();
                source.path("tables").forEach(tables::add);
                return tables;
            }
        }
        throw new AssertionError("no source named default in databases.yaml");
    }

    private static JsonNode resolve(JsonNode node, String baseDirectory) {
        if (node.isTextual() && node.asText().startsWith(INCLUDE)) {
            String target = baseDirectory + node.asText().substring(INCLUDE.length()).trim();
            if (!AppResources.exists(target)) {
                throw new AssertionError("!include target does not exist: " + target);
            }
            return load(target);
        }
        if (node instanceof ArrayNode array) {
            ArrayNode resolved = YAML.createArrayNode();
            array.forEach(item -> resolved.add(resolve(item, baseDirectory)));
            return resolved;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode resolved = YAML.createObjectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                resolved.set(field.getKey(), resolve(field.getValue(), baseDirectory));
            }
            return resolved;
        }
        return node;
    }
}
