package io.threefactor.engine.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real headless Chromium (Debian's {@code chromium}; skipped only when it is not installed):
 * GraphiQL runs queries with the admin secret typed in the page, and the event trigger page lists events and
 * invocations and redelivers through {@code /v1/metadata}, on a real trigger whose webhook refuses connections.
 */
@QuarkusTest
@TestProfile(OpsProfile.class)
class ConsoleBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private static String js(String s) {
        return TextNode.valueOf(s).toString();
    }

    private static String typeSecret(String secret) {
        return "(() => { const i = document.getElementById('secret'); i.value = " + js(secret)
                + "; i.dispatchEvent(new Event('input')); return true; })()";
    }

    @Test
    void graphiqlSendsTheAdminSecretTypedIn() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), "chromium is not installed (apt-get install -y chromium)");
        try (Chromium chromium = new Chromium()) {
            chromium.navigate(base + "console/");
            chromium.await("document.querySelector('.graphiql-query-editor .CodeMirror') !== null", Duration.ofSeconds(30));
            String run = "(() => { document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue("
                    + js("query ConsoleTest { article(order_by: {id: asc}, limit: 1) { id title } }")
                    + "); document.querySelector('.graphiql-execute-button').click(); return true; })()";
            String response = "document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()";

            chromium.eval(run);
            String denied = chromium.await(response, Duration.ofSeconds(20)).asText();
            assertTrue(denied.contains("access-denied"), "no secret typed yet: " + denied);

            chromium.eval(typeSecret(OpsProfile.SECRET));
            chromium.eval(run);
            String answer = chromium.await("(() => { const v = " + response + "; return v.includes('\"article\"') ? v : ''; })()",
                    Duration.ofSeconds(20)).asText();
            assertTrue(answer.contains("\"id\": 1"), answer);
        }
    }

    private static JsonNode metadataCall(String body) throws Exception {
        String answer = given().header("x-hasura-admin-secret", OpsProfile.SECRET).contentType(ContentType.JSON)
                .body(body).post("/v1/metadata").then().extract().asString();
        return JSON.readTree(answer);
    }

    private static JsonNode failedEvents() throws Exception {
        return metadataCall("{\"type\":\"pg_get_event_logs\",\"args\":{\"name\":\"ops_author_created\",\"status\":\"processed\"}}");
    }

    @Test
    void eventTriggerPageListsFailedEventsAndInvocationsAndRedelivers() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), "chromium is not installed (apt-get install -y chromium)");
        // a trigger whose webhook refuses connections, no retries: the event fails at once
        assertEquals("{\"message\":\"success\"}", metadataCall("{\"type\":\"pg_create_event_trigger\",\"args\":{"
                + "\"name\":\"ops_author_created\",\"table\":{\"schema\":\"public\",\"name\":\"author\"},"
                + "\"webhook\":\"http://127.0.0.1:1/unreachable\",\"insert\":{\"columns\":\"*\"},"
                + "\"retry_conf\":{\"num_retries\":0,\"interval_sec\":1,\"timeout_sec\":2}}}").toString());
        given().header("x-hasura-admin-secret", OpsProfile.SECRET).contentType(ContentType.JSON)
                .body("{\"query\":\"mutation { insert_author_one(object: {name: \\\"Ops\\\"}) { id } }\"}")
                .post("/v1/graphql").then().statusCode(200).body("data.insert_author_one.id", notNullValue());
        long until = System.currentTimeMillis() + 20_000;
        while (failedEvents().size() == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        JsonNode failed = failedEvents();
        assertEquals(1, failed.size(), failed.toString());
        String eventId = failed.get(0).get("id").asText();

        // delivery metrics of the triggers module, on the engine's registry
        String metrics = given().header("x-hasura-admin-secret", OpsProfile.SECRET).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("threefactor_events_failures_total{trigger=\"ops_author_created\"}"), metrics);
        assertTrue(metrics.contains("threefactor_events_attempts_total{") && metrics.contains("threefactor_events_claim_duration"), metrics);

        try (Chromium chromium = new Chromium()) {
            chromium.navigate(base + "console/events.html");
            chromium.await("document.getElementById('load-triggers') !== null", Duration.ofSeconds(20));

            chromium.eval(typeSecret("not-the-secret"));
            chromium.eval("document.getElementById('load-triggers').click()");
            String status = chromium.await("document.getElementById('status').textContent", Duration.ofSeconds(20)).asText();
            assertTrue(status.contains("401"), status);

            chromium.eval(typeSecret(OpsProfile.SECRET));
            chromium.eval("(() => { const f = document.getElementById('filter'); f.value = 'failed'; return true; })()");
            chromium.eval("document.getElementById('load-triggers').click()");
            chromium.await("document.querySelectorAll('#events tbody tr').length === 1", Duration.ofSeconds(20));
            assertEquals("ops_author_created", chromium.eval("document.getElementById('trigger').value").asText());
            assertEquals(eventId, chromium.eval("document.querySelector('#events tbody tr').dataset.eventId").asText());
            chromium.await("document.querySelectorAll('#invocations tbody tr').length === 1", Duration.ofSeconds(20));

            chromium.eval("document.querySelector('#events tbody tr button.redeliver').click()");
            chromium.await("document.getElementById('status').textContent.includes('redelivery')", Duration.ofSeconds(20));
            // redelivered: attempted again (and failed again), so a second invocation appears after a refresh
            until = System.currentTimeMillis() + 20_000;
            int invocations = 1;
            while (invocations < 2 && System.currentTimeMillis() < until) {
                chromium.eval("document.getElementById('refresh').click()");
                Thread.sleep(300);
                invocations = chromium.eval("document.querySelectorAll('#invocations tbody tr').length").asInt();
            }
            assertEquals(2, invocations);
        }
    }
}
