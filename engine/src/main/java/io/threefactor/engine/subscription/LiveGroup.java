package io.threefactor.engine.subscription;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.execute.Plan;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The subscribers of one plan: its cohorts ({@link CohortIndex}), fetched one multiplexed statement per chunk of
 * them ({@link MultiplexedFetch}) when new, when a change concerns them, and by the safety net
 * ({@link RefreshScheduler}). The group closes when its last subscriber leaves.
 */
final class LiveGroup {

    final Plan plan;
    final TableDependencies.Reads reads;
    /** The tables whose change triggers the group is watching (its reads and the tables under its views). */
    final Set<QualifiedTable> watchedTables;
    private final CohortIndex cohorts;
    private final RefreshScheduler refreshes;
    private final Consumer<LiveGroup> onClosed;

    LiveGroup(Plan plan, TableDependencies.Reads reads, Set<QualifiedTable> watchedTables, CohortIndex cohorts,
            RefreshScheduler refreshes, Consumer<LiveGroup> onClosed) {
        this.plan = plan;
        this.reads = reads;
        this.watchedTables = watchedTables;
        this.cohorts = cohorts;
        this.refreshes = refreshes;
        this.onClosed = onClosed;
    }

    /** Adds a subscriber to its cohort (created and fetched if new); false if the group has closed. */
    boolean join(Subscriber subscriber, String vars, String sess) {
        Optional<CohortIndex.Joined> joined = cohorts.join(subscriber, vars, sess, c -> subscriber.place(this, c));
        if (joined.isEmpty()) {
            return false;
        }
        Cohort cohort = joined.get().cohort();
        if (!joined.get().placed()) {
            // cancelled meanwhile: drop the cohort (and the group) if it was made for this subscriber alone
            leave(cohort, subscriber);
        } else if (joined.get().fresh()) {
            refreshes.fetchNew(cohort);
        } else if (joined.get().last() != null) {
            subscriber.push(joined.get().last());
        }
        // else: the cohort's first fetch is under way and will push to every subscriber it has then
        return true;
    }

    void leave(Cohort cohort, Subscriber subscriber) {
        if (cohorts.leave(cohort, subscriber)) {
            onClosed.accept(this);
        }
    }

    /** Refetches the cohorts these changes concern. */
    void changed(TableChanges changes) {
        cohorts.concern(changes).ifPresent(concern -> refreshes.changed(concern, changes.trace()));
    }

    /** Refetches every cohort now. */
    void refreshAll() {
        refreshes.refreshAll();
    }

    /** The safety net: refetches everything if nothing did for {@code dueNanos}, unless a refresh is running. */
    void fallback(long nowNanos, long dueNanos) {
        refreshes.fallback(nowNanos, dueNanos);
    }

    List<Subscriber> subscribers() {
        return cohorts.subscribers();
    }

    int cohortCount() {
        return cohorts.size();
    }
}
