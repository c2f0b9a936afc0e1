package io.threefactor.engine.subscription;

import io.threefactor.engine.catalog.QualifiedTable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The subscribers of one live query with the same variables and session variables: one row of the multiplexed
 * statement answers them all. It keeps its last result, so a subscriber that joins gets it at once and an
 * unchanged result is not pushed again.
 */
final class Cohort {

    /** A result as pushed: the {@code data} object's JSON text and its hash. */
    record Result(String data, long hash) {

        static Result of(String data) {
            return new Result(data, hash(data));
        }

        /** 64-bit FNV-1a of the result text. */
        private static long hash(String data) {
            long h = 0xcbf29ce484222325L;
            byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            return h ^ bytes.length;
        }
    }

    final String id;
    final String variables;
    final String session;
    /** Per keyed table, the key tuples by which its changes concern this cohort (null: every change). */
    final Map<QualifiedTable, Set<String>> keys;
    /** Copy-on-write: pushes iterate it while subscribers join and leave. */
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private Result last;
    private long lastSequence = -1;

    Cohort(String id, String variables, String session, Map<QualifiedTable, Set<String>> keys) {
        this.id = id;
        this.variables = variables;
        this.session = session;
        this.keys = keys;
    }

    /** Adds a subscriber; answers the last result (null before the first), which it has not been sent yet. */
    synchronized Result add(Subscriber subscriber) {
        subscribers.add(subscriber);
        return last;
    }

    /** Removes a subscriber; answers whether none is left. */
    synchronized boolean remove(Subscriber subscriber) {
        subscribers.remove(subscriber);
        return subscribers.isEmpty();
    }

    List<Subscriber> subscribers() {
        return subscribers;
    }

    /**
     * Takes the result of statement number {@code sequence}; answers whether it is to be pushed: not older than
     * the last one taken, and different from the last result.
     */
    synchronized boolean accept(long sequence, Result result) {
        if (sequence < lastSequence) {
            return false;
        }
        lastSequence = sequence;
        if (last != null && last.hash() == result.hash()) {
            return false;
        }
        last = result;
        return true;
    }
}
