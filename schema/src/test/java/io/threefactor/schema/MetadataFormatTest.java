package io.threefactor.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetadataFormatTest {

    /** The files a Hasura v3 metadata directory has even when empty. */
    private static final List<String> HASURA_V3_FILES = List.of(
            "version.yaml", "actions.graphql", "actions.yaml", "allow_list.yaml", "cron_triggers.yaml",
            "query_collections.yaml", "remote_schemas.yaml", "inherited_roles.yaml", "databases/databases.yaml");

    @Test
    void isAHasuraV3Directory() {
        for (String file : HASURA_V3_FILES) {
            assertTrue(AppResources.exists(HasuraMetadata.DIRECTORY + file), file);
        }
        assertEquals(3, HasuraMetadata.parse(HasuraMetadata.DIRECTORY + "version.yaml").path("version").asInt());
    }

    @Test
    void everyYamlFileParses() {
        AppResources.under("metadata/").stream()
                .filter(path -> path.endsWith(".yaml"))
                .forEach(HasuraMetadata::parse);
    }

    @Test
    void defaultSourceReadsItsUrlFromTheHasuraVariable() {
        JsonNode source = HasuraMetadata.parse(HasuraMetadata.DIRECTORY + "databases/databases.yaml").get(0);
        assertEquals("default", source.path("name").asText());
        assertEquals("postgres", source.path("kind").asText());
        assertEquals("HASURA_GRAPHQL_DATABASE_URL",
                source.path("configuration").path("connection_info").path("database_url").path("from_env").asText());
        assertEquals("!include default/tables/tables.yaml", source.path("tables").asText());
    }

    @Test
    void everyTableFileIsIncludedOnceAndNamesItsTable() {
        List<JsonNode> tables = HasuraMetadata.defaultSourceTables();
        Set<String> included = tables.stream()
                .map(t -> "public_" + t.path("table").path("name").asText() + ".yaml")
                .collect(Collectors.toSet());
        assertEquals(tables.size(), included.size(), "a table is tracked twice");
        Set<String> files = AppResources.under("metadata/databases/default/tables/public_").stream()
                .map(path -> path.substring(path.lastIndexOf('/') + 1))
                .collect(Collectors.toSet());
        assertEquals(files, included);
        tables.forEach(t -> assertEquals("public", t.path("table").path("schema").asText()));
    }

    @Test
    void eventTriggersCallTheFunctionsThroughEnvTemplatesWithRetries() {
        Map<String, JsonNode> triggers = new HashMap<>();
        for (JsonNode table : HasuraMetadata.defaultSourceTables()) {
            for (JsonNode trigger : table.path("event_triggers")) {
                triggers.put(table.path("table").path("name").asText() + "." + trigger.path("name").asText(), trigger);
            }
        }
        assertEquals(Set.of("publish_program.publish_program", "asset.process_image"), triggers.keySet());
        assertEquals("{{PUBLISH_PROGRAM_WEBHOOK_URL}}", triggers.get("publish_program.publish_program").path("webhook").asText());
        assertEquals("{{PROCESS_IMAGE_WEBHOOK_URL}}", triggers.get("asset.process_image").path("webhook").asText());
        for (JsonNode trigger : triggers.values()) {
            assertFalse(trigger.path("definition").path("insert").isMissingNode(), "insert trigger");
            // The functions verify their caller: the secret comes from the environment, never from metadata.
            assertEquals("X-Threefactor-Caller-Secret", trigger.path("headers").path(0).path("name").asText());
            assertEquals("FUNCTIONS_WEBHOOK_SECRET", trigger.path("headers").path(0).path("value_from_env").asText());
            assertTrue(trigger.path("headers").path(0).path("value").isMissingNode(), "no literal secret");
            JsonNode retry = trigger.path("retry_conf");
            assertTrue(retry.path("num_retries").asInt() > 0 && retry.path("interval_sec").asInt() > 0
                    && retry.path("timeout_sec").asInt() > 0, "retry_conf " + retry);
        }
    }

    @Test
    void coachMayRequestPublicationOfOwnProgramsOnly() {
        JsonNode publish = HasuraMetadata.defaultSourceTables().stream()
                .filter(t -> t.path("table").path("name").asText().equals("publish_program"))
                .findFirst().orElseThrow();
        JsonNode coachInsert = publish.path("insert_permissions").get(0);
        assertEquals("coach", coachInsert.path("role").asText());
        assertEquals("X-Hasura-User-Id",
                coachInsert.path("permission").path("check").path("program").path("coach_id").path("_eq").asText());
        assertEquals("x-hasura-User-Id", coachInsert.path("permission").path("set").path("requested_by").asText());
    }
}
