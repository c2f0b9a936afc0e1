package io.threefactor.engine.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a metadata document as a Hasura v3 metadata directory, the layout {@link MetadataDirectoryReader} reads and
 * the Hasura CLI writes: {@code version.yaml}, {@code databases/databases.yaml} with {@code "!include"} references,
 * {@code databases/<source>/tables/tables.yaml} listing one {@code <schema>_<table>.yaml} per table (functions
 * likewise under {@code functions/}), and the top-level files ({@code inherited_roles.yaml}, …).
 */
public final class MetadataDirectoryWriter {

    /** Top-level document keys and their files; the files are written (empty) even when the key is absent. */
    private static final Map<String, String> TOP_LEVEL = new LinkedHashMap<>();

    static {
        TOP_LEVEL.put("inherited_roles", "inherited_roles.yaml");
        TOP_LEVEL.put("cron_triggers", "cron_triggers.yaml");
        TOP_LEVEL.put("remote_schemas", "remote_schemas.yaml");
        TOP_LEVEL.put("query_collections", "query_collections.yaml");
        TOP_LEVEL.put("allowlist", "allow_list.yaml");
        TOP_LEVEL.put("rest_endpoints", "rest_endpoints.yaml");
        TOP_LEVEL.put("api_limits", "api_limits.yaml");
        TOP_LEVEL.put("network", "network.yaml");
    }

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final JsonNodeFactory f = JsonNodeFactory.instance;

    /** Writes {@code document} into {@code dir} (created if needed; files of the layout are overwritten). */
    public void write(ObjectNode document, Path dir) {
        try {
            Files.createDirectories(dir.resolve("databases"));
            write(dir.resolve("version.yaml"), f.objectNode().put("version", document.path("version").asInt(3)));
            ArrayNode sources = f.arrayNode();
            for (JsonNode source : document.path("sources")) {
                sources.add(source(source, dir.resolve("databases")));
            }
            write(dir.resolve("databases/databases.yaml"), sources);
            for (Map.Entry<String, String> e : TOP_LEVEL.entrySet()) {
                JsonNode value = document.get(e.getKey());
                boolean objectValued = e.getKey().equals("api_limits") || e.getKey().equals("network");
                write(dir.resolve(e.getValue()), value != null ? value : objectValued ? f.objectNode() : f.arrayNode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the metadata directory " + dir, e);
        }
    }

    private ObjectNode source(JsonNode source, Path databases) throws IOException {
        String name = source.path("name").asText("default");
        Path sourceDir = databases.resolve(name);
        ObjectNode out = f.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getKey().equals("tables") && !e.getKey().equals("functions")) {
                out.set(e.getKey(), e.getValue());
            }
        }
        out.put("tables", "!include " + name + "/tables/tables.yaml");
        Files.createDirectories(sourceDir.resolve("tables"));
        ArrayNode tableIncludes = f.arrayNode();
        for (JsonNode table : source.path("tables")) {
            String file = fileName(table.path("table"));
            write(sourceDir.resolve("tables").resolve(file), table);
            tableIncludes.add("!include " + file);
        }
        write(sourceDir.resolve("tables/tables.yaml"), tableIncludes);
        if (source.path("functions").isArray() && !source.path("functions").isEmpty()) {
            Files.createDirectories(sourceDir.resolve("functions"));
            ArrayNode functionIncludes = f.arrayNode();
            for (JsonNode fn : source.path("functions")) {
                String file = fileName(fn.path("function"));
                write(sourceDir.resolve("functions").resolve(file), fn);
                functionIncludes.add("!include " + file);
            }
            write(sourceDir.resolve("functions/functions.yaml"), functionIncludes);
            out.put("functions", "!include " + name + "/functions/functions.yaml");
        }
        return out;
    }

    /** {@code <schema>_<name>.yaml}, as the Hasura CLI names them. */
    static String fileName(JsonNode qualified) {
        String schema = qualified.isTextual() ? "public" : qualified.path("schema").asText("public");
        String name = qualified.isTextual() ? qualified.asText() : qualified.path("name").asText();
        return (schema + "_" + name).replaceAll("[/\\\\]", "_") + ".yaml";
    }

    private void write(Path file, JsonNode node) throws IOException {
        Files.writeString(file, yaml.writeValueAsString(node));
    }
}
