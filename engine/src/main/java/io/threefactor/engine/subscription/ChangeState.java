package io.threefactor.engine.subscription;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.config.EngineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the change notifications currently cover, shared by the listener (which sets it) and the live queries and
 * streams (which decide from it how often their safety-net refresh runs and which tables to watch).
 */
@Singleton
public class ChangeState {

    @Inject
    EngineConfig config;

    private volatile ChangeTriggers.Installed installed = ChangeTriggers.Installed.NONE;
    private volatile boolean listening;

    void installed(ChangeTriggers.Installed value) {
        installed = value;
    }

    ChangeTriggers.Installed installed() {
        return installed;
    }

    void listening(boolean value) {
        listening = value;
    }

    /** Whether the LISTEN connection is up. */
    public boolean listening() {
        return listening;
    }

    /**
     * Whether every change to what these reads depend on is notified: triggers on, listening, every table a base
     * table with a change trigger, and no SQL function (whose reads no trigger sees).
     */
    boolean covers(TableDependencies.Reads reads) {
        return config.subscriptions().changeTriggers() && listening && !reads.callsFunctions()
                && installed.notifying().containsAll(reads.tables());
    }

    /** The tables whose triggers must notify for these reads: the tables, and the tables views are built on. */
    Set<QualifiedTable> triggerTables(Set<QualifiedTable> tables) {
        Set<QualifiedTable> out = new HashSet<>(tables);
        for (Map.Entry<QualifiedTable, Set<QualifiedTable>> e : installed.dependents().entrySet()) {
            if (e.getValue().stream().anyMatch(tables::contains)) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
