package io.threefactor.engine.subscription;

import io.threefactor.engine.catalog.QualifiedTable;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tables changed within one coalescing window, each with the key tuples of its changed rows ({@link CohortKeys}), or
 * none for "any row". Not thread-safe: the listener fills one under its lock and hands it over whole.
 */
final class TableChanges {

    /** Past this many changed keys of one table, the change counts as "any row" (refetching everything is cheaper). */
    static final int MAX_KEYS = 10_000;

    private final Map<QualifiedTable, Set<String>> keys = new HashMap<>();
    private final Set<String> traces = new LinkedHashSet<>();
    private ChangeTrace trace;

    /** Adds a change: {@code rowKeys} the changed rows' key tuples, or null for any row. */
    void add(QualifiedTable table, List<String> rowKeys) {
        if (keys.containsKey(table) && keys.get(table) == null) {
            return;
        }
        if (rowKeys == null) {
            keys.put(table, null);
            return;
        }
        Set<String> set = keys.computeIfAbsent(table, t -> new HashSet<>());
        set.addAll(rowKeys);
        if (set.size() > MAX_KEYS) {
            keys.put(table, null);
        }
    }

    /** The trace context of a write in this window ({@code hasura.tracecontext}, JSON text). */
    void traced(String traceContext) {
        if (traces.size() < ChangeTrace.MAX_TRACES) {
            traces.add(traceContext);
        }
    }

    /** The traces of the writes in this window, parsed once for all the groups the window concerns. */
    ChangeTrace trace() {
        if (trace == null) {
            trace = traces.isEmpty() ? ChangeTrace.NONE : ChangeTrace.of(traces);
        }
        return trace;
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    Set<QualifiedTable> tables() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** The changed key tuples of the table, or null when any row may have changed. */
    Set<String> keys(QualifiedTable table) {
        return keys.get(table);
    }
}
