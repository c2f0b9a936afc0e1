package io.threefactor.bench;

import java.util.List;

/**
 * One benchmark case: the runs measured one after another in the same invocation (each with its own warm-up
 * and window), the first being the subject and the second its baseline. Further runs are printed with their
 * ratio to the subject too, to show where the cost goes.
 *
 * @param kind       how the answers are checked before timing
 * @param ratioLabel how the subject/baseline ratio is printed, e.g. "engine/SQL"
 * @param hasTarget  whether the README targets (throughput and p99 ratios) apply to subject/baseline
 * @param setup      idempotent statements run once before the checks (rows the case needs)
 * @param cleanup    statements run before and after each run and check, so every run starts from the same table
 * @param vacuum     statements run after the cleanup around each run (VACUUM of the tables written, CHECKPOINT)
 */
record BenchCase(String name, String description, Kind kind, List<Side> sides, String ratioLabel, boolean hasTarget,
                 List<String> setup, List<String> cleanup, List<String> vacuum) {

    enum Kind {
        /** Engine and SQL answer the same JSON. */
        QUERY,
        /** Engine as a non-admin role, checked against the admin answer (and the SQL) and against another user. */
        ROLE,
        /** A mutation: answers equal except the generated id, and the engine's row is read back from the table. */
        INSERT
    }

    /** How a run sends its requests. */
    enum Via {
        /** POST /v1/graphql to the engine, with the request's headers. */
        ENGINE,
        /** The hand-written SQL as one prepared statement on the direct pg pool. */
        SQL,
        /**
         * The hand-written SQL in a transaction that first sets {@code hasura.user} as the engine does for
         * mutations: BEGIN, set_config, the statement, COMMIT (pipelined like the engine's).
         */
        SQL_TRANSACTION
    }

    record Side(String label, BenchQuery query, Via via) { }

    BenchQuery subject() {
        return sides.get(0).query();
    }
}
