package io.threefactor.engine.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a Hasura v3 metadata directory ({@code metadata/version.yaml}, {@code databases/databases.yaml} with
 * its {@code "!include file.yaml"} references, and the top-level files) into one metadata JSON document.
 */
public final class MetadataDirectoryReader {

    private static final String INCLUDE = "!include ";
    private static final Map<String, String> TOP_LEVEL = Map.of(
            "inherited_roles.yaml", "inherited_roles",
            "cron_triggers.yaml", "cron_triggers",
            "remote_schemas.yaml", "remote_schemas",
            "query_collections.yaml", "query_collections",
            "allow_list.yaml", "allowlist",
            "rest_endpoints.yaml", "rest_endpoints",
            "api_limits.yaml", "api_limits",
            "network.yaml", "network",
            "graphql_schema_introspection.yaml", "graphql_schema_introspection");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper json;

    public MetadataDirectoryReader(ObjectMapper json) {
        this.json = json;
    }

    /** @param dir the metadata directory inside the project, usually {@code metadata} */
    public ObjectNode read(ProjectFiles files, String dir) {
        ObjectNode doc = json.createObjectNode();
        JsonNode version = parse(files, dir + "/version.yaml");
        doc.put("version", version.path("version").asInt(3));
        JsonNode sources = resolve(files, dir + "/databases", parse(files, dir + "/databases/databases.yaml"));
        doc.set("sources", sources.isArray() ? sources : json.createArrayNode());
        TOP_LEVEL.forEach((file, key) -> files.read(dir + "/" + file).ifPresent(text -> {
            JsonNode value = resolve(files, dir, readYaml(text, file));
            if (value != null && !value.isNull() && !(value.isArray() && value.isEmpty())
                    && !(value.isObject() && value.isEmpty())) {
                doc.set(key, value);
            }
        }));
        return doc;
    }

    private JsonNode parse(ProjectFiles files, String path) {
        String text = files.read(path).orElseThrow(() -> new IllegalArgumentException("missing metadata file " + path));
        return readYaml(text, path);
    }

    private JsonNode readYaml(String text, String path) {
        try {
            JsonNode node = yaml.readTree(text);
            return node == null || node.isMissingNode() ? json.nullNode() : node;
        } catch (IOException e) {
            throw new UncheckedIOException("invalid YAML in " + path, e);
        }
    }

    /** Replaces {@code "!include path"} strings with the included file, relative to {@code baseDir}. */
    private JsonNode resolve(ProjectFiles files, String baseDir, JsonNode node) {
        if (node.isTextual() && node.asText().startsWith(INCLUDE)) {
            String relative = node.asText().substring(INCLUDE.length()).trim();
            String path = normalize(baseDir + "/" + relative);
            String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            return resolve(files, parent, parse(files, path));
        }
        if (node.isArray()) {
            ArrayNode out = json.createArrayNode();
            node.forEach(item -> out.add(resolve(files, baseDir, item)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = json.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                out.set(e.getKey(), resolve(files, baseDir, e.getValue()));
            }
            return out;
        }
        return node;
    }

    private static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }
}
