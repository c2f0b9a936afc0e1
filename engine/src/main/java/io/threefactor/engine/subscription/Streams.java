package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.ir.ParamValue;
import io.threefactor.engine.ir.RootNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import io.vertx.sqlclient.Pool;

/**
 * Streaming subscriptions ({@code t_stream}): rows after a cursor, in batches, then new rows as they commit,
 * in cursor order and without skipping a row that a slow transaction commits after rows with higher cursor
 * values were already visible.
 *
 * <p>How: every round reads (1) the start time of the oldest transaction running in the database, then (2) the
 * next batch after the cursor, then (3) the clock. Rows seen in a round at clock {@code T} with highest cursor
 * {@code M} are only sent once a later round's step (1) shows that every transaction that was running at
 * {@code T} has ended: a row with a cursor below {@code M} that is not yet visible must come from a transaction
 * that took its value (nextval, now()) before {@code M} was taken, hence before {@code T}; once all of those have
 * ended, every such row is visible to the next snapshot (taken after step 1), and the stream sends rows up to
 * {@code M} in order. This holds for cursors that grow with time as they are taken (sequences, identity
 * columns, {@code now()}), which is what streams are used for; it needs {@code pg_stat_activity} to show other
 * sessions' transaction start (superuser, the database owner's own sessions, or {@code pg_read_all_stats}).
 */
@Singleton
public class Streams {

    private static final Logger LOG = Logger.getLogger(Streams.class);
    private static final String HORIZON = "SELECT coalesce((extract(epoch FROM min(xact_start)) * 1000000)::bigint, "
            + "9223372036854775807) FROM pg_stat_activity WHERE datname = current_database() "
            + "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'";
    private static final String CLOCK = "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint";

    @Inject
    Pool pool;

    @Inject
    GraphqlExecutor executor;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @Inject
    EngineConfig config;

    @Inject
    ChangeState changes;

    @Inject
    WatchedTables watched;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicLong rounds = new AtomicLong();

    /** Whether a prepared subscription is a stream (its single root is {@code t_stream}). */
    public static boolean isStream(GraphqlExecutor.Prepared prepared) {
        return prepared.plan().operation() != null
                && prepared.plan().operation().roots().stream().anyMatch(r -> r instanceof RootNode.SelectStream);
    }

    /** Starts a stream; the request is kept to plan it again after a metadata reload. */
    public LiveQueries.Handle subscribe(GraphqlRequest request, GraphqlExecutor.Prepared prepared, SubscriptionSink sink) {
        Stream stream = new Stream(request, sink);
        stream.plan(prepared);
        streams.add(stream);
        // the first round waits for the tables' leases; a transaction in flight while they were written may
        // commit unnotified, so one more round follows a fallback interval later
        long late = Math.max(1, config.subscriptions().fallbackInterval().toMillis());
        watched.watch(stream.watchedTables).onComplete(x -> {
            stream.request(0);
            vertx.setTimer(late, id -> stream.request(0));
        });
        return stream::close;
    }

    public void tablesChanged(Set<QualifiedTable> tables) {
        for (Stream s : streams) {
            if (s.reads.tables().stream().anyMatch(tables::contains)) {
                s.request(0);
            }
        }
    }

    /** Runs a round of every stream now (e.g. after the change listener reconnected). */
    public void refreshAll() {
        streams.forEach(s -> s.request(0));
    }

    /** The safety-net tick: a stream that has not run a round for its interval runs one. */
    public void fallback(long nowNanos, long tickMillis) {
        long tick = tickMillis * 1_000_000L;
        long uncovered = config.subscriptions().fallbackInterval().toNanos();
        long covered = Math.max(uncovered, config.subscriptions().coveredFallbackInterval().toNanos());
        for (Stream s : streams) {
            long interval = changes.covers(s.reads) ? covered : uncovered;
            if (nowNanos - s.lastRound >= interval - tick / 2) {
                s.request(0);
            }
        }
    }

    /**
     * Plans every stream again against a new snapshot (keeping its cursor): a permission change applies to the
     * next batch; a stream that no longer plans ends with that error.
     */
    public void replan(EngineSnapshot snapshot) {
        for (Stream s : streams) {
            try {
                GraphqlExecutor.Prepared prepared = executor.prepare(snapshot, s.session(), s.request);
                if (!isStream(prepared)) {
                    throw new PlanningException("validation-failed", "the subscription is no longer a stream", "$");
                }
                Set<QualifiedTable> before = s.watchedTables;
                s.plan(prepared);
                watched.watch(s.watchedTables);
                watched.unwatch(before);
                s.request(0);
            } catch (RuntimeException e) {
                s.close();
                s.sink.error(e);
            }
        }
    }

    public int count() {
        return streams.size();
    }

    /** Rounds (three short statements each) run since start. */
    public long rounds() {
        return rounds.get();
    }

    private final class Stream {
        final GraphqlRequest request;
        final SubscriptionSink sink;
        volatile GraphqlExecutor.Prepared prepared;
        volatile RootNode.SelectStream root;
        volatile TableDependencies.Reads reads;
        volatile Set<QualifiedTable> watchedTables;
        volatile long lastRound = System.nanoTime();
        JsonNode cursor;
        JsonNode settled;
        Long pendingSince;
        JsonNode pendingMax;
        boolean running;
        boolean again;
        long timer = -1;
        long backoff = 1;
        volatile boolean closed;

        Stream(GraphqlRequest request, SubscriptionSink sink) {
            this.request = request;
            this.sink = sink;
        }

        io.threefactor.engine.session.Session session() {
            return prepared.session();
        }

        /** Takes a (new) plan; the cursor starts at the initial value only the first time. */
        synchronized void plan(GraphqlExecutor.Prepared next) {
            List<RootNode> roots = next.plan().operation().roots();
            if (roots.size() != 1) {
                throw new PlanningException("validation-failed",
                        "a streaming subscription must have exactly one root field", "$");
            }
            boolean first = prepared == null;
            prepared = next;
            root = (RootNode.SelectStream) roots.get(0);
            reads = TableDependencies.of(next.plan().operation());
            watchedTables = changes.triggerTables(reads.tables());
            if (first) {
                ParamValue initial = root.initialValue();
                if (initial instanceof ParamValue.Variable v) {
                    cursor = next.variables().get(v.name());
                } else if (initial instanceof ParamValue.Literal l) {
                    cursor = json.valueToTree(l.value());
                }
            }
        }

        void close() {
            boolean was;
            synchronized (this) {
                was = closed;
                closed = true;
            }
            if (!was) {
                streams.remove(this);
                watched.unwatch(watchedTables);
            }
        }

        /** Runs a round after {@code delayMs} (0: now), or once more after the running one. */
        synchronized void request(long delayMs) {
            if (closed) {
                return;
            }
            if (running) {
                again = true;
                return;
            }
            if (delayMs > 0) {
                if (timer < 0) {
                    timer = vertx.setTimer(delayMs, id -> {
                        synchronized (this) {
                            timer = -1;
                        }
                        request(0);
                    });
                }
                return;
            }
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            running = true;
            again = false;
            round().onComplete(r -> {
                if (r.failed()) {
                    LOG.warnf("stream round failed: %s", r.cause().getMessage());
                }
                long next;
                synchronized (this) {
                    running = false;
                    next = r.succeeded() ? r.result() : -1;
                    if (again) {
                        next = 0;
                    }
                }
                if (next >= 0 && !closed) {
                    request(next);
                }
            });
        }

        /** One round; answers the delay before the next one, or -1 when nothing is pending. */
        private Future<Long> round() {
            rounds.incrementAndGet();
            lastRound = System.nanoTime();
            GraphqlExecutor.Prepared prepared = this.prepared;
            Map<String, JsonNode> variables = new HashMap<>(prepared.variables());
            variables.put(RootNode.SelectStream.CURSOR_VARIABLE, cursor);
            var sql = prepared.plan().sql();
            var tuple = executor.binder().bind(sql.params(), variables, prepared.session());
            return pool.withConnection(conn -> conn.query(HORIZON).execute()
                    .compose(h -> conn.preparedQuery(sql.sql()).execute(tuple)
                            .compose(rows -> clock(conn).map(t -> afterRound(h.iterator().next().getLong(0),
                                    rows.iterator().next().getString(0), t)))));
        }

        private Future<Long> clock(SqlConnection conn) {
            return conn.query(CLOCK).execute().map(r -> r.iterator().next().getLong(0));
        }

        private long afterRound(long horizon, String data, long clock) {
            if (closed) {
                return -1;
            }
            JsonNode rows;
            try {
                rows = json.readTree(data).get(root.alias());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            boolean unblocked = false;
            synchronized (this) {
                if (pendingSince != null && horizon > pendingSince) {
                    settled = max(settled, pendingMax);
                    pendingSince = null;
                    pendingMax = null;
                    unblocked = true;
                }
            }
            ArrayNode out = json.createArrayNode();
            JsonNode last = null;
            int i = 0;
            for (; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                JsonNode value = row.get(RootNode.SelectStream.CURSOR_FIELD);
                if (!root.descending() && (settled == null || compare(value, settled) > 0)) {
                    break;
                }
                ObjectNode copy = ((ObjectNode) row).deepCopy();
                copy.remove(RootNode.SelectStream.CURSOR_FIELD);
                out.add(copy);
                last = value;
            }
            if (last != null) {
                cursor = last;
                ObjectNode payload = json.createObjectNode();
                payload.set(root.alias(), out);
                sink.next(payload.toString());
            }
            boolean rest = i < rows.size();
            synchronized (this) {
                if (rest && pendingSince == null) {
                    pendingSince = clock;
                    pendingMax = rows.get(rows.size() - 1).get(RootNode.SelectStream.CURSOR_FIELD);
                    backoff = 1;
                    return 0;
                }
                if (last != null || unblocked) {
                    return 0;
                }
                if (pendingSince != null) {
                    backoff = Math.min(backoff * 2, 1000);
                    return backoff;
                }
                return -1;
            }
        }
    }

    private static JsonNode max(JsonNode a, JsonNode b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return compare(a, b) >= 0 ? a : b;
    }

    static int compare(JsonNode a, JsonNode b) {
        if (a == null || a.isNull()) {
            return b == null || b.isNull() ? 0 : -1;
        }
        if (b == null || b.isNull()) {
            return 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.asText().compareTo(b.asText());
    }
}
