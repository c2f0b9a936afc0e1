package io.threefactor.engine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.threefactor.engine.config.DatabaseProducer;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.metadata.Metadata;
import io.threefactor.engine.error.MetadataApiException;
import io.threefactor.engine.runtime.Blocking;
import io.threefactor.engine.runtime.ProjectMetadataApplied;
import io.threefactor.engine.session.Session;
import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.TriggersConfig;
import io.threefactor.triggers.api.CleanupRequest;
import io.threefactor.triggers.api.EventStatusFilter;
import io.threefactor.triggers.api.TriggerNotFoundException;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.target.Environment;
import io.threefactor.triggers.target.FunctionEndpoints;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.threefactor.engine.runtime.Snapshots;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.pgclient.PgException;
import java.io.IOException;

/**
 * The engine's side of event triggers: creates the triggers module from the engine's Vert.x, pool and connection
 * options, ensures the event tables at start-up, keeps the installed Postgres triggers and the delivered set in
 * step with metadata (at start, after each local change with DDL, after another instance's change without), runs
 * delivery, and answers the event calls of {@code /v1/metadata}.
 */
@Singleton
public class EventTriggerService {

    private static final Logger LOG = Logger.getLogger(EventTriggerService.class);

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Inject
    DatabaseProducer database;

    @Inject
    EngineConfig config;

    @Inject
    Snapshots snapshots;

    @Inject
    ObjectMapper json;

    @Inject
    MessagingChannels channels; // "channel" targets: SmallRye Reactive Messaging

    @Inject
    MeterRegistry meters; // ops: delivery metrics on /q/metrics

    private EventTriggers triggers;
    private final Map<String, EventTriggerDefinition> active = new LinkedHashMap<>();
    private final Map<String, String> problems = new LinkedHashMap<>();
    private final Map<String, JsonNode> entries = new HashMap<>();

    /** After the engine loaded its project and metadata (the engine observes with the default priority). */
    void onStart(@Observes @Priority(3000) StartupEvent event) {
        Blocking.await(installed(snapshots.current().metadata()), Duration.ofSeconds(120));
        // The one-shot apply installs the capture triggers but delivers nothing.
        boolean deliver = config.events().enabled() && !config.applyAndExit();
        if (deliver) {
            Blocking.await(triggers.start(), Duration.ofSeconds(60));
        }
        LOG.infof("event triggers: %d installed, delivery %s", active.size(), deliver ? "started" : "disabled");
    }

    /** A project's metadata was applied at start-up: install its triggers before its seeds run. */
    void onProjectMetadata(@Observes ProjectMetadataApplied applied) {
        Blocking.await(installed(applied.metadata()), Duration.ofSeconds(120));
    }

    private synchronized Future<Void> installed(Metadata metadata) {
        if (triggers == null) {
            triggers = new EventTriggers(vertx, pool, database.connectOptions("threefactor-events"), triggersConfig(), channels, meters);
        }
        return triggers.ensureSchema().compose(v -> sync(metadata, true));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (triggers != null) {
            try {
                triggers.close().toCompletionStage().toCompletableFuture()
                        .get(config.events().gracefulShutdownSeconds() + 5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("event delivery did not stop cleanly", e);
            }
        }
    }

    TriggersConfig triggersConfig() {
        EngineConfig.Events ev = config.events();
        TriggersConfig.Builder c = TriggersConfig.builder()
                .httpPoolSize(ev.httpPoolSize())
                .fetchBatchSize(ev.fetchBatchSize())
                .pollInterval(Duration.ofMillis(ev.fetchIntervalMs()))
                .gracePeriod(Duration.ofSeconds(ev.gracefulShutdownSeconds()))
                .deliveryConnections(Math.max(1, ev.deliveryConnections()))
                .stringifyNumericTypes(config.stringifyNumericTypes())
                .environment(environment())
                .functions(new FunctionEndpoints(functionUrls(ev.functionUrls().orElse("")),
                        ev.functionUrlTemplate().orElse(null)));
        if (ev.instanceId().isPresent()) {
            c.instanceId(ev.instanceId().get());
        }
        if (ev.cleanupRetentionHours() > 0) {
            c.cleanup(new TriggersConfig.ScheduledCleanup(
                    CleanupRequest.deliveredOlderThan(Duration.ofHours(ev.cleanupRetentionHours())),
                    Duration.ofMinutes(Math.max(1, ev.cleanupIntervalMinutes()))));
        }
        return c.build();
    }

    /** {@code webhook_from_env}, {@code value_from_env} and {@code {{VAR}}}: the environment, or any config source. */
    static Environment environment() {
        return name -> {
            String env = System.getenv(name);
            return env != null ? env : ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(null);
        };
    }

    static Map<String, String> functionUrls(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /**
     * Brings the triggers in step with {@code metadata}. With {@code ddl} (start-up, or this instance changed the
     * metadata) new and changed triggers are installed and removed ones dropped; without (another instance changed
     * it and did the DDL) they are only registered and unregistered for delivery.
     */
    public synchronized Future<Void> sync(Metadata metadata, boolean ddl) {
        Map<String, String> found = new LinkedHashMap<>();
        Map<String, EventTriggerDefinition> wanted = TriggerDefinitions.of(metadata, environment(), found::put);
        List<Future<Void>> work = new ArrayList<>();
        for (String name : new ArrayList<>(active.keySet())) {
            if (!wanted.containsKey(name)) {
                active.remove(name);
                if (ddl) {
                    work.add(triggers.drop(name).recover(e -> {
                        LOG.warnf("could not drop event trigger %s: %s", name, e.getMessage());
                        return Future.succeededFuture();
                    }));
                } else {
                    triggers.unregister(name);
                }
            }
        }
        for (EventTriggerDefinition def : wanted.values()) {
            if (def.equals(active.get(def.name())) && !ddl) {
                continue;
            }
            if (ddl) {
                EventTriggerDefinition previous = active.get(def.name());
                if (def.equals(previous)) {
                    continue;
                }
                work.add(triggers.install(def)
                        .onSuccess(v -> record(def))
                        .recover(e -> {
                            synchronized (this) {
                                found.put(def.name(), e.getMessage());
                                problems.put(def.name(), e.getMessage());
                            }
                            LOG.warnf("could not install event trigger %s: %s", def.name(), e.getMessage());
                            return Future.succeededFuture();
                        }));
            } else {
                triggers.register(def);
                record(def);
            }
        }
        return Future.join(work).transform(x -> {
            synchronized (this) {
                problems.clear();
                problems.putAll(found);
                entries.clear();
                metadata.tables().forEach(t -> t.eventTriggers().forEach(e -> entries.put(e.path("name").asText(), e)));
            }
            return Future.succeededFuture();
        });
    }

    private synchronized void record(EventTriggerDefinition def) {
        active.put(def.name(), def);
    }

    /** Event triggers that could not be installed or read, as Hasura's inconsistent objects. */
    public synchronized List<ObjectNode> inconsistencies() {
        List<ObjectNode> out = new ArrayList<>();
        problems.forEach((name, reason) -> {
            ObjectNode o = json.createObjectNode();
            JsonNode entry = entries.get(name);
            o.set("definition", entry == null ? json.createObjectNode().put("name", name) : entry.deepCopy());
            o.put("name", "event_trigger " + name + " in source default");
            o.put("reason", "Inconsistent object: in event trigger \"" + name + "\": " + reason);
            o.put("type", "event_trigger");
            out.add(o);
        });
        return out;
    }

    public EventTriggers triggers() {
        return triggers;
    }

    /**
     * {@code pg_redeliver_event}, {@code pg_invoke_event_trigger}, {@code pg_get_event_logs},
     * {@code pg_get_event_invocation_logs}, {@code pg_get_event_by_id} and {@code pg_delete_event_logs} (threefactor's
     * on-demand cleanup), by their names without {@code pg_}.
     */
    public Future<JsonNode> call(String type, JsonNode args, Session session) {
        try {
            return callUnsafe(type, args, session).recover(e -> Future.failedFuture(toApiError(e)));
        } catch (RuntimeException e) {
            return Future.failedFuture(toApiError(e));
        }
    }

    private Future<JsonNode> callUnsafe(String type, JsonNode args, Session session) {
        switch (type) {
            case "redeliver_event":
                return triggers.api().redeliver(text(args, "event_id")).map(v -> success());
            case "invoke_event_trigger": {
                JsonObject vars = new JsonObject();
                session.variables().forEach(vars::put);
                Object payload = args.has("payload") ? json.convertValue(args.get("payload"), Object.class) : null;
                return triggers.api().invoke(text(args, "name"), payload, vars).map(this::tree);
            }
            case "get_event_logs":
                return triggers.api().eventLogs(text(args, "name"),
                        EventStatusFilter.parse(args.hasNonNull("status") ? args.get("status").asText() : null),
                        args.path("limit").asInt(100), args.path("offset").asInt(0)).map(a -> tree(a.encode()));
            case "get_event_invocation_logs":
                return triggers.api().invocationLogs(text(args, "name"), args.path("limit").asInt(100),
                        args.path("offset").asInt(0)).map(a -> tree(a.encode()));
            case "get_event_by_id":
                return triggers.api().eventById(text(args, "event_id"), args.path("invocation_log_limit").asInt(100),
                        args.path("invocation_log_offset").asInt(0)).map(this::tree);
            case "delete_event_logs": {
                List<String> names = new ArrayList<>();
                args.path("event_trigger_names").forEach(n -> names.add(n.asText()));
                if (args.hasNonNull("name")) {
                    names.add(args.get("name").asText());
                }
                CleanupRequest request = new CleanupRequest(Duration.ofHours(args.path("clear_older_than").asLong(168)),
                        args.path("batch_size").asInt(10_000), args.path("include_errored").asBoolean(false),
                        args.path("clean_invocation_logs").asBoolean(true), names);
                return triggers.cleanup().run(request).map(r -> (JsonNode) json.createObjectNode()
                        .put("message", "success").put("deleted_event_logs", r.deletedEvents())
                        .put("deleted_event_invocation_logs", r.deletedInvocationLogs()));
            }
            default:
                return Future.failedFuture(new MetadataApiException("not-supported", "unknown event call " + type));
        }
    }

    private JsonNode success() {
        return json.createObjectNode().put("message", "success");
    }

    private JsonNode tree(JsonObject o) {
        return tree(o.encode());
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            throw MetadataApiException.parse("the key '" + field + "' was not present", "$.args");
        }
        return v.asText();
    }

    private static Throwable toApiError(Throwable e) {
        if (e instanceof MetadataApiException) {
            return e;
        }
        if (e instanceof TriggerNotFoundException) {
            return MetadataApiException.notExists(e.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return MetadataApiException.validation(e.getMessage());
        }
        if (e instanceof PgException p && "22P02".equals(p.getSqlState())) {
            return MetadataApiException.validation("invalid event id");
        }
        return e;
    }
}
