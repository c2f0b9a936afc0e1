package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.threefactor.engine.project.ExportMetadata;
import io.threefactor.engine.project.MetadataDirectoryReader;
import io.threefactor.engine.project.MetadataDirectoryWriter;
import io.threefactor.engine.project.ProjectFiles;
import io.threefactor.engine.support.CoachingAppProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coaching app's metadata directory ({@code schema/metadata}) applied through {@code replace_metadata}, exported,
 * written back as a v3 directory and read again: the same document each time.
 */
@QuarkusTest
@TestProfile(CoachingAppProfile.class)
class MetadataDirectoryRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode post(String body) throws Exception {
        String answer = RestAssured.given().contentType("application/json").body(body).post("/v1/metadata")
                .then().statusCode(200).extract().asString();
        return JSON.readTree(answer);
    }

    @Test
    void applyExportWriteAndReadBack(@TempDir Path tmp) throws Exception {
        ObjectNode original = new MetadataDirectoryReader(JSON).read(ProjectFiles.directory(Path.of("../schema")),
                "metadata");
        assertTrue(original.at("/sources/0/tables").size() >= 8, original.toString());

        ObjectNode replace = JSON.createObjectNode().put("type", "replace_metadata");
        replace.set("args", original);
        assertEquals("{\"message\":\"success\"}", post(replace.toString()).toString());
        JsonNode exported = post("{\"type\":\"export_metadata\",\"args\":{}}");
        assertEquals(canonical(original), canonical(exported));
        assertEquals("{\"is_consistent\":true,\"inconsistent_objects\":[]}",
                post("{\"type\":\"get_inconsistent_metadata\",\"args\":{}}").toString());

        Path dir = tmp.resolve("metadata");
        new MetadataDirectoryWriter().write((ObjectNode) exported, dir);
        for (String file : List.of("version.yaml", "databases/databases.yaml", "databases/default/tables/tables.yaml",
                "databases/default/tables/public_publish_program.yaml", "inherited_roles.yaml")) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
        String databases = Files.readString(dir.resolve("databases/databases.yaml"));
        assertTrue(databases.contains("!include default/tables/tables.yaml"), databases);
        String tables = Files.readString(dir.resolve("databases/default/tables/tables.yaml"));
        assertTrue(tables.contains("!include public_program.yaml"), tables);

        ObjectNode reread = new MetadataDirectoryReader(JSON).read(ProjectFiles.directory(tmp), "metadata");
        assertEquals(canonical(exported), canonical(reread));
        assertEquals(canonical(original), canonical(reread));

        // the same through the command line export, straight from the database
        Path cli = tmp.resolve("cli");
        ExportMetadata.export(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("threefactor.database-url", String.class), cli);
        assertEquals(canonical(exported), canonical(new MetadataDirectoryReader(JSON).read(ProjectFiles.directory(tmp),
                "cli")));

        // the event trigger of the metadata files is installed in Postgres
        JsonNode triggers = JSON.readTree(RestAssured.given().contentType("application/json")
                .body("{\"type\":\"run_sql\",\"args\":{\"sql\":\"SELECT tgname FROM pg_trigger WHERE tgname LIKE "
                        + "'notify_hasura_publish_program%' ORDER BY 1\",\"read_only\":true}}")
                .post("/v2/query").then().statusCode(200).extract().asString());
        assertEquals("[[\"tgname\"],[\"notify_hasura_publish_program_INSERT\"]]", triggers.path("result").toString());
    }

    /** Object keys sorted, empty lists/objects and nulls dropped (Hasura's export leaves them out). */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            for (String name : names) {
                JsonNode v = canonical(node.get(name));
                if (!v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
                    out.set(name, v);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                out.add(canonical(it.next()));
            }
            return out;
        }
        return node;
    }
}
