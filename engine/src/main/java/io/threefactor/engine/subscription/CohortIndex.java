package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.catalog.QualifiedTable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The cohorts of one live-query group: by variables and session variables (to join one), and per keyed table by
 * key tuple ({@link CohortKeys}), to tell which cohorts a change of known rows concerns. It closes for good when
 * its last cohort leaves, so that a group being dropped is never joined again.
 */
final class CohortIndex {

    /** A join: the subscriber's cohort, whether it was made for it, whether it was placed, the last result. */
    record Joined(Cohort cohort, boolean fresh, boolean placed, Cohort.Result last) { }

    /** The cohorts a change concerns: all of them, or these. */
    record Concern(boolean all, Set<Cohort> cohorts) {
        static final Concern ALL = new Concern(true, Set.of());
    }

    private final CohortKeys cohortKeys;
    private final Set<QualifiedTable> reads;
    private final ObjectMapper json;
    private final LongSupplier ids;
    private final Map<String, Cohort> byVariables = new HashMap<>();
    /** Per keyed table: cohorts by key tuple, and the cohorts every change of it concerns. */
    private final Map<QualifiedTable, Map<String, Set<Cohort>>> byKey = new HashMap<>();
    private final Map<QualifiedTable, Set<Cohort>> always = new HashMap<>();
    private boolean closed;

    /** {@code reads}: the tables the group's query reads; {@code ids}: cohort ids, unique per statement. */
    CohortIndex(CohortKeys cohortKeys, Set<QualifiedTable> reads, ObjectMapper json, LongSupplier ids) {
        this.cohortKeys = cohortKeys;
        this.reads = reads;
        this.json = json;
        this.ids = ids;
    }

    /**
     * Adds a subscriber to the cohort of these variables, made if new. {@code place} tells the subscriber where it
     * is, in the same step, and answers false if it was cancelled meanwhile (then it is not added). Empty once
     * the index has closed.
     */
    synchronized Optional<Joined> join(Subscriber subscriber, String variables, String session,
            Predicate<Cohort> place) {
        if (closed) {
            return Optional.empty();
        }
        String key = key(variables, session);
        Cohort cohort = byVariables.get(key);
        boolean fresh = cohort == null;
        if (fresh) {
            cohort = new Cohort(Long.toString(ids.getAsLong()), variables, session, tuples(variables, session));
            byVariables.put(key, cohort);
            index(cohort);
        }
        boolean placed = place.test(cohort);
        Cohort.Result last = placed ? cohort.add(subscriber) : null;
        return Optional.of(new Joined(cohort, fresh, placed, last));
    }

    /** Removes a subscriber, and its cohort if that is now empty; answers whether this closed the index. */
    synchronized boolean leave(Cohort cohort, Subscriber subscriber) {
        if (cohort.remove(subscriber) && byVariables.remove(key(cohort.variables, cohort.session), cohort)) {
            unindex(cohort);
        }
        if (byVariables.isEmpty() && !closed) {
            closed = true;
            return true;
        }
        return false;
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized List<Cohort> all() {
        return new ArrayList<>(byVariables.values());
    }

    /** Those of these cohorts that are still here (not left since). */
    synchronized List<Cohort> present(Collection<Cohort> cohorts) {
        return cohorts.stream().filter(c -> byVariables.get(key(c.variables, c.session)) == c).toList();
    }

    synchronized int size() {
        return byVariables.size();
    }

    synchronized List<Subscriber> subscribers() {
        List<Subscriber> out = new ArrayList<>();
        byVariables.values().forEach(c -> out.addAll(c.subscribers()));
        return out;
    }

    /** The cohorts these changes concern; empty if they change no table the group reads. */
    synchronized Optional<Concern> concern(TableChanges changes) {
        boolean concerned = false;
        Set<Cohort> out = new LinkedHashSet<>();
        for (QualifiedTable t : reads) {
            if (!changes.tables().contains(t)) {
                continue;
            }
            concerned = true;
            Set<String> keys = changes.keys(t);
            if (keys == null || !cohortKeys.keyed(t)) {
                return Optional.of(Concern.ALL);
            }
            Map<String, Set<Cohort>> index = byKey.getOrDefault(t, Map.of());
            for (String k : keys) {
                out.addAll(index.getOrDefault(k, Set.of()));
            }
            out.addAll(always.getOrDefault(t, Set.of()));
        }
        return concerned ? Optional.of(new Concern(false, out)) : Optional.empty();
    }

    private static String key(String variables, String session) {
        return variables + '\u0000' + session;
    }

    /** Per keyed table, the cohort's key tuples, or null when every change of the table concerns it. */
    private Map<QualifiedTable, Set<String>> tuples(String variables, String session) {
        if (cohortKeys.keyedTables().isEmpty()) {
            return Map.of();
        }
        JsonNode vars = read(variables);
        JsonNode sess = read(session);
        Map<QualifiedTable, Set<String>> out = new HashMap<>();
        for (QualifiedTable t : cohortKeys.keyedTables()) {
            out.put(t, cohortKeys.tuples(t, vars, sess, json));
        }
        return Collections.unmodifiableMap(out);
    }

    private void index(Cohort cohort) {
        cohort.keys.forEach((t, tuples) -> {
            if (tuples == null) {
                always.computeIfAbsent(t, k -> new HashSet<>()).add(cohort);
            } else {
                Map<String, Set<Cohort>> index = byKey.computeIfAbsent(t, k -> new HashMap<>());
                tuples.forEach(tuple -> index.computeIfAbsent(tuple, k -> new HashSet<>()).add(cohort));
            }
        });
    }

    private void unindex(Cohort cohort) {
        cohort.keys.forEach((t, tuples) -> {
            if (tuples == null) {
                always.getOrDefault(t, new HashSet<>()).remove(cohort);
            } else {
                Map<String, Set<Cohort>> index = byKey.getOrDefault(t, Map.of());
                for (String tuple : tuples) {
                    Set<Cohort> set = index.get(tuple);
                    if (set != null && set.remove(cohort) && set.isEmpty()) {
                        index.remove(tuple);
                    }
                }
            }
        });
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
