package io.threefactor.engine.subscription;

import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.ParamBinder;

/**
 * A subscription reads its session variables per cohort, in SQL, where a missing one would quietly be null and
 * match nothing. Hasura refuses such a subscription when it starts ({@code missing session variable: "x"},
 * server/src-lib/Hasura/Backends/Postgres/Execute/Subscription.hs, {@code resolveMultiplexedValue}), as a query is
 * refused: binding the operation's parameters once for the subscriber's session says so the same way.
 */
final class SessionVariables {

    private SessionVariables() {
    }

    /** Throws the query's {@code not-found} error when the session lacks a variable the operation reads. */
    static void require(ParamBinder binder, GraphqlExecutor.Prepared prepared) {
        if (prepared.plan().sql() != null) {
            binder.bind(prepared.plan().sql().params(), prepared.variables(), prepared.session());
        }
    }
}
