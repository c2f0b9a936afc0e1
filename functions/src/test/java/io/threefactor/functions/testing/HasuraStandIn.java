package io.threefactor.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * STAND-IN for the threefactor engine's {@code POST /v1/graphql} until it serves mutations:
 * a tiny real HTTP server that answers the functions' operations (by operationName) the way
 * Hasura would over the coaching schema: by-pk queries return null for absent rows, updates
 * apply {@code _set}, {@code insert_published_program_one} honours its on_conflict constraint and
 * the (program_id, version) unique key, errors come in Hasura's shape. Every request is recorded.
 * Replace with the real engine in the end-to-end test.
 */
public final class HasuraStandIn implements AutoCloseable {

    public record Request(String operationName, String query, JsonNode variables, String adminSecret,
            String traceparent) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String adminSecret;
    private final Map<UUID, ObjectNode> intents = new ConcurrentHashMap<>();
    private final Map<UUID, ObjectNode> programs = new ConcurrentHashMap<>();
    private final Map<UUID, ObjectNode> assets = new ConcurrentHashMap<>();
    private final List<ObjectNode> publications = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Predicate<Request>> failing = new CopyOnWriteArrayList<>();

    public HasuraStandIn(String adminSecret) {
        this.adminSecret = adminSecret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/graphql", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/graphql";
    }

    // --- state the tests arrange and inspect -------------------------------------------------

    public UUID addIntent(UUID programId, UUID coachId) {
        UUID id = UUID.randomUUID();
        intents.put(id, JSON.createObjectNode().put("id", id.toString()).put("program_id", programId.toString())
                .put("requested_by", coachId.toString()).put("status", "pending").putNull("result").putNull("error"));
        return id;
    }

    /** @param program the {@code program_by_pk} answer, as the engine would build it */
    public void addProgram(UUID programId, ObjectNode program) {
        programs.put(programId, program);
    }

    public UUID addAsset(String storageKey, String contentType) {
        UUID id = UUID.randomUUID();
        assets.put(id, JSON.createObjectNode().put("id", id.toString()).put("storage_key", storageKey)
                .put("content_type", contentType).put("status", "uploaded").putNull("width").putNull("height")
                .putNull("rejection_reason").set("variants", JSON.createArrayNode()));
        return id;
    }

    public ObjectNode intent(UUID id) {
        return intents.get(id);
    }

    public ObjectNode asset(UUID id) {
        return assets.get(id);
    }

    public List<ObjectNode> publications() {
        return List.copyOf(publications);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Mutations sent, in order, by operation name. */
    public List<Request> mutations() {
        return requests.stream().filter(r -> r.query().trim().startsWith("mutation")).toList();
    }

    /** The next requests with this operation name fail with a Hasura error until {@link #heal}. */
    public void breakOperation(String operationName) {
        failing.add(request -> operationName.equals(request.operationName()));
    }

    /** Requests matching the condition fail with a Hasura error until {@link #heal}. */
    public void breakWhen(Predicate<Request> condition) {
        failing.add(condition);
    }

    public void heal() {
        failing.clear();
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // --- the GraphQL side ----------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, JSON.createObjectNode().put("error", "POST only"));
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String secret = exchange.getRequestHeaders().getFirst("x-hasura-admin-secret");
            Request request = new Request(body.path("operationName").asText(null), body.path("query").asText(),
                    body.path("variables"), secret, exchange.getRequestHeaders().getFirst("traceparent"));
            requests.add(request);
            if (adminSecret != null && !adminSecret.equals(secret)) {
                send(exchange, 200, error("invalid x-hasura-admin-secret/x-hasura-access-key", "access-denied"));
                return;
            }
            if (failing.stream().anyMatch(condition -> condition.test(request))) {
                send(exchange, 200, error("database query error (stand-in: broken on purpose)", "unexpected"));
                return;
            }
            send(exchange, 200, answer(request));
        }
    }

    private JsonNode answer(Request request) {
        JsonNode v = request.variables();
        ObjectNode data = JSON.createObjectNode();
        switch (String.valueOf(request.operationName())) {
            case "PublishIntent" -> data.set("publish_program_by_pk",
                    project(intents.get(uuid(v, "id")), "id", "program_id", "status", "result"));
            case "UpdatePublishIntent" -> data.set("update_publish_program_by_pk",
                    project(apply(intents.get(uuid(v, "id")), v.path("set")), "id", "status"));
            case "ProgramForPublishing" -> data.set("program_by_pk", nullable(programs.get(uuid(v, "id"))));
            case "PublicationVersion" -> {
                String program = v.path("program_id").asText();
                String intent = v.path("intent_id").asText();
                data.set("own", versions(publications.stream()
                        .filter(p -> intent.equals(p.path("publish_program_id").asText())).toList()));
                data.set("latest", versions(publications.stream()
                        .filter(p -> program.equals(p.path("program_id").asText()))
                        .max(Comparator.comparingInt(p -> p.path("version").asInt()))
                        .stream().toList()));
            }
            case "SavePublication" -> {
                JsonNode result = savePublication((ObjectNode) v.path("object"));
                if (result.has("errors")) {
                    return result;
                }
                data.set("insert_published_program_one", result);
            }
            case "AssetForProcessing" -> data.set("asset_by_pk",
                    project(assets.get(uuid(v, "id")), "id", "storage_key", "content_type", "status"));
            case "UpdateAsset" -> data.set("update_asset_by_pk",
                    project(apply(assets.get(uuid(v, "id")), v.path("set")), "id", "status"));
            default -> {
                return error("stand-in does not know operation " + request.operationName(), "validation-failed");
            }
        }
        return JSON.createObjectNode().set("data", data);
    }

    /** on_conflict (publish_program_id) → update; another row with the same (program_id, version) → constraint violation. */
    private synchronized JsonNode savePublication(ObjectNode object) {
        String intent = object.path("publish_program_id").asText();
        for (ObjectNode row : publications) {
            if (intent.equals(row.path("publish_program_id").asText())) {
                for (String column : List.of("slug", "landing", "app_document")) {
                    row.set(column, object.get(column));
                }
                return project(row, "id", "version");
            }
        }
        boolean versionTaken = publications.stream().anyMatch(p ->
                p.path("program_id").asText().equals(object.path("program_id").asText())
                        && p.path("version").asInt() == object.path("version").asInt());
        if (versionTaken) {
            return error("Uniqueness violation. duplicate key value violates unique constraint "
                    + "\"published_program_program_id_version_key\"", "constraint-violation");
        }
        ObjectNode row = object.deepCopy().put("id", UUID.randomUUID().toString())
                .put("published_at", "2026-11-23T10:00:01+00:00");
        publications.add(row);
        return project(row, "id", "version");
    }

    private static ObjectNode apply(ObjectNode row, JsonNode set) {
        if (row != null) {
            set.properties().forEach(field -> row.set(field.getKey(), field.getValue()));
        }
        return row;
    }

    private static JsonNode project(ObjectNode row, String... columns) {
        if (row == null) {
            return NullNode.getInstance();
        }
        ObjectNode projected = JSON.createObjectNode();
        for (String column : columns) {
            projected.set(column, row.path(column).isMissingNode() ? NullNode.getInstance() : row.get(column));
        }
        return projected;
    }

    private static JsonNode nullable(JsonNode node) {
        return node == null ? NullNode.getInstance() : node;
    }

    private static ArrayNode versions(List<ObjectNode> rows) {
        ArrayNode array = JSON.createArrayNode();
        rows.forEach(row -> array.add(JSON.createObjectNode().put("version", row.path("version").asInt())));
        return array;
    }

    private static UUID uuid(JsonNode variables, String name) {
        return UUID.fromString(variables.path(name).asText());
    }

    private static ObjectNode error(String message, String code) {
        ObjectNode error = JSON.createObjectNode().put("message", message);
        error.putObject("extensions").put("path", "$").put("code", code);
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").add(error);
        return body;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A program_by_pk answer for tests: sessions with exercises, images by asset. */
    public static ObjectNode program(UUID programId, String title, String descriptionHtml, ObjectNode coverAsset,
            List<ObjectNode> sessions) {
        ObjectNode program = JSON.createObjectNode().put("id", programId.toString()).put("title", title)
                .put("description", descriptionHtml);
        program.putObject("coach").put("id", UUID.randomUUID().toString()).put("display_name", "Ada <b>Strong</b>");
        program.set("cover_asset", nullable(coverAsset));
        ArrayNode array = program.putArray("sessions");
        sessions.forEach(array::add);
        return program;
    }

    public static ObjectNode assetRef(UUID id, String storageKey, String contentType) {
        return JSON.createObjectNode().put("id", id.toString()).put("storage_key", storageKey)
                .put("content_type", contentType);
    }

    public static ObjectNode session(int position, String title, String descriptionHtml, ObjectNode... exercises) {
        ObjectNode session = JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("position", position)
                .put("title", title).put("description", descriptionHtml);
        ArrayNode array = session.putArray("exercises");
        for (ObjectNode exercise : exercises) {
            array.add(exercise);
        }
        return session;
    }

    public static ObjectNode exercise(int position, String name, String instructionsHtml, ObjectNode imageAsset) {
        ObjectNode exercise = JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("position", position)
                .put("name", name).put("instructions", instructionsHtml).put("sets", 3).put("reps", 10)
                .putNull("duration_seconds").put("rest_seconds", 60);
        exercise.set("image_asset", nullable(imageAsset));
        return exercise;
    }

    /** Operation names of the requests received, in order. */
    public List<String> operationNames() {
        List<String> names = new ArrayList<>();
        requests.forEach(r -> names.add(r.operationName()));
        return names;
    }
}
