package io.threefactor.engine.subscription;

import java.util.concurrent.atomic.AtomicLong;

/** What the live queries have done since start, for metrics and tests. */
final class LiveCounters {

    /** SQL statements run. */
    final AtomicLong statements = new AtomicLong();
    /** Group refreshes (each runs one statement per {@code cohortsPerStatement} cohorts it refetches). */
    final AtomicLong refreshes = new AtomicLong();
    /** Cohort results fetched. */
    final AtomicLong cohortsFetched = new AtomicLong();
    /** Results pushed to subscribers. */
    final AtomicLong pushes = new AtomicLong();
}
