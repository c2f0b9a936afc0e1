package io.threefactor.engine.ops;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.threefactor.engine.http.AccessLog;

/** Health, metrics, the access log (no secrets) and WebSockets closed with 1001 on shutdown. */
@QuarkusTest
@TestProfile(OpsProfile.class)
class OpsEndpointsTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    GoingAway goingAway;

    private final List<String> accessLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            accessLines.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    };

    @BeforeEach
    void captureAccessLog() {
        Logger.getLogger(AccessLog.CATEGORY).addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger(AccessLog.CATEGORY).removeHandler(capture);
    }

    static String graphql(String query) {
        return "{\"query\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(query) + "}";
    }

    @Test
    void liveAndReadyHealthAndHasuraHealthz() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("threefactor-database"));
        given().get("/healthz").then().statusCode(200).body(equalTo("OK"));
    }

    @Test
    void metricsAfterAFewRequests() {
        given().header("x-hasura-admin-secret", OpsProfile.SECRET).contentType(ContentType.JSON)
                .body(graphql("query Articles { article { id } }")).post("/v1/graphql").then().statusCode(200)
                .body("data.article.size()", org.hamcrest.Matchers.greaterThan(0));
        given().header("x-hasura-admin-secret", OpsProfile.SECRET).contentType(ContentType.JSON)
                .body(graphql("mutation { update_article(where: {id: {_eq: -1}}, _set: {views: 1}) { affected_rows } }"))
                .post("/v1/graphql").then().statusCode(200).body("data.update_article.affected_rows", equalTo(0));
        given().header("x-hasura-admin-secret", OpsProfile.SECRET).contentType(ContentType.JSON)
                .body(graphql("{ no_such_table { id } }")).post("/v1/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("validation-failed"));
        given().header("x-hasura-admin-secret", "wrong").contentType(ContentType.JSON)
                .body(graphql("{ article { id } }")).post("/v1/graphql").then().statusCode(200);

        String metrics = given().header("x-hasura-admin-secret", OpsProfile.SECRET).get("/q/metrics").then().statusCode(200).extract().asString();
        for (String expected : List.of(
                "threefactor_graphql_requests_seconds_count{operation=\"query\",outcome=\"success\"}",
                "threefactor_graphql_requests_seconds_sum{operation=\"mutation\",outcome=\"success\"}",
                "threefactor_graphql_requests_seconds_max{operation=\"query\",outcome=\"error\"}",
                "threefactor_graphql_errors_total{code=\"validation-failed\",operation=\"query\"}",
                "threefactor_graphql_errors_total{code=\"access-denied\",operation=\"query\"}",
                "threefactor_subscriptions_sockets ",
                "threefactor_subscriptions_live_groups ",
                "threefactor_subscriptions_live_cohorts ",
                "threefactor_subscriptions_streams ",
                "threefactor_subscriptions_pushes_total ",
                "threefactor_db_pool_connections ",
                "threefactor_db_pool_max 16.0",
                "threefactor_sql_processing_seconds_count{client=\"threefactor-engine\",",
                "sql_pool_active{",
                "sql_pool_queue_delay_seconds_count{",
                "http_server_requests_seconds_count")) {
            assertTrue(metrics.contains(expected), "missing " + expected + " in\n" + grepThreefactor(metrics));
        }
    }

    private static String grepThreefactor(String metrics) {
        StringBuilder b = new StringBuilder();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("threefactor") || line.startsWith("http_server") || line.contains("pool")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void accessLogLineWithoutSecretsOrTokens() throws Exception {
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJlLXNob3VsZC1uZXZlci1sZWFr";
        given().header("x-hasura-admin-secret", OpsProfile.SECRET).header("Authorization", "Bearer " + token)
                .header("Cookie", "session=cookie-value-never-logged").contentType(ContentType.JSON)
                .body("{\"query\":\"query LatestArticles { article(limit: 1) { id } }\",\"operationName\":\"LatestArticles\"}")
                .post("/v1/graphql?token=query-string-never-logged").then().statusCode(200);
        given().header("x-hasura-admin-secret", OpsProfile.SECRET + "-wrong").contentType(ContentType.JSON)
                .body(graphql("{ article { id } }")).post("/v1/graphql").then().statusCode(200);

        long until = System.currentTimeMillis() + 5000;
        while (accessLines.stream().filter(l -> l.contains("/v1/graphql")).count() < 2 && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        String all = String.join("\n", accessLines);
        assertTrue(all.contains("POST /v1/graphql 200"), all);
        assertTrue(all.contains("role=admin"), all);
        assertTrue(all.contains("operation=\"query LatestArticles\""), all);
        for (String secret : List.of(OpsProfile.SECRET, token, "c2lnbmF0dXJl", "cookie-value-never-logged",
                "query-string-never-logged", "Bearer")) {
            assertFalse(all.contains(secret), "the access log leaks " + secret + ":\n" + all);
        }
    }

    @Test
    void socketsAreClosedWith1001GoingAwayOnShutdown() throws Exception {
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1/graphql");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"headers\":{\"x-hasura-admin-secret\":\""
                + OpsProfile.SECRET + "\"}}}", true).get(5, TimeUnit.SECONDS);
        long until = System.currentTimeMillis() + 5000;
        int closed = 0;
        while (closed == 0 && System.currentTimeMillis() < until) {
            closed = goingAway.closeAll(Duration.ofSeconds(2));
            Thread.sleep(20);
        }
        assertEquals(1, closed);
        assertEquals(1001, closeCode.get(10, TimeUnit.SECONDS));
    }

    @Test
    void consoleIsServed() {
        given().redirects().follow(false).get("/console").then().statusCode(302).header("location", "/console/");
        given().get("/console/").then().statusCode(200).body(containsString("GraphiQL"));
        given().get("/console/events.html").then().statusCode(200).body(containsString("Event triggers"));
        given().get("/console/vendor/graphiql.min.js").then().statusCode(200);
    }
}
