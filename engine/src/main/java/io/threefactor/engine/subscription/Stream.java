package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.ir.ParamValue;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.session.Session;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One streaming subscription: its cursor, and rounds that send the rows after it in cursor order, one round at a
 * time (a round requested while one runs follows it).
 *
 * <p>Every round reads (1) the start time of the oldest transaction running in the database, then (2) the next
 * batch after the cursor, then (3) the clock ({@link StreamReads}). Rows seen in a round at clock {@code T} with
 * highest cursor {@code M} are only sent once a later round's step (1) shows that every transaction that was
 * running at {@code T} has ended: a row with a cursor below {@code M} that is not yet visible must come from a
 * transaction that took its value (nextval, now()) before {@code M} was taken, hence before {@code T}; once all of
 * those have ended, every such row is visible to the next snapshot (taken after step 1), and the stream sends rows
 * up to {@code M} in order.
 */
final class Stream {

    private static final Logger LOG = Logger.getLogger(Stream.class);
    /** The longest wait, in milliseconds, between rounds while rows wait for older transactions to end. */
    private static final long MAX_BACKOFF = 1000;

    final GraphqlRequest request;
    private final SubscriptionSink sink;
    private final StreamReads reads;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final ChangeState changes;
    private final Consumer<Stream> onClosed;
    private volatile GraphqlExecutor.Prepared prepared;
    private volatile RootNode.SelectStream root;
    private volatile TableDependencies.Reads tableReads;
    private volatile Set<QualifiedTable> watchedTables;
    private volatile long lastRound = System.nanoTime();
    private JsonNode cursor;
    /** The highest cursor every row up to which is visible, as far as rounds have shown. */
    private JsonNode settled;
    /** The clock of the round that saw rows past {@link #settled}, and their highest cursor. */
    private Long pendingSince;
    private JsonNode pendingMax;
    private boolean running;
    private boolean again;
    private long timer = -1;
    private long backoff = 1;
    private volatile boolean closed;

    /** {@code changes} tells the tables to watch; {@code onClosed} is told once, when the stream closes. */
    Stream(GraphqlRequest request, SubscriptionSink sink, StreamReads reads, ObjectMapper json, Vertx vertx,
            ChangeState changes, Consumer<Stream> onClosed) {
        this.request = request;
        this.sink = sink;
        this.reads = reads;
        this.json = json;
        this.vertx = vertx;
        this.changes = changes;
        this.onClosed = onClosed;
    }

    Session session() {
        return prepared.session();
    }

    /** What the current plan reads. */
    TableDependencies.Reads tableReads() {
        return tableReads;
    }

    /** The tables whose change triggers this stream needs watched (its reads and the tables under its views). */
    Set<QualifiedTable> watchedTables() {
        return watchedTables;
    }

    /** When the last round started ({@link System#nanoTime}). */
    long lastRound() {
        return lastRound;
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
        tableReads = TableDependencies.of(next.plan().operation());
        watchedTables = changes.triggerTables(tableReads.tables());
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
            onClosed.accept(this);
        }
    }

    /** The stream cannot go on: it ends with this error. */
    void fail(Throwable failure) {
        close();
        sink.error(failure);
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
        lastRound = System.nanoTime();
        return reads.read(prepared, cursor).map(this::afterRound);
    }

    private long afterRound(StreamReads.Round round) {
        if (closed) {
            return -1;
        }
        JsonNode rows;
        try {
            rows = json.readTree(round.batch()).get(root.alias());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        boolean unblocked = false;
        synchronized (this) {
            if (pendingSince != null && round.horizon() > pendingSince) {
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
                pendingSince = round.clock();
                pendingMax = rows.get(rows.size() - 1).get(RootNode.SelectStream.CURSOR_FIELD);
                backoff = 1;
                return 0;
            }
            if (last != null || unblocked) {
                return 0;
            }
            if (pendingSince != null) {
                backoff = Math.min(backoff * 2, MAX_BACKOFF);
                return backoff;
            }
            return -1;
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

    /** Cursor order: null first, numbers by value, anything else by its text. */
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
