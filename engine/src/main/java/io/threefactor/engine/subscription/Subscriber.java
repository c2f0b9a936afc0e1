package io.threefactor.engine.subscription;

import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.session.Session;

/**
 * One live-query subscription: what it asked for (kept to plan it again after a metadata reload), where it
 * currently is (group and cohort, which a reload may change) and the hash of the last result it was sent, so a
 * move to another cohort pushes only a result that differs.
 */
final class Subscriber {

    final GraphqlRequest request;
    final Session session;
    private final SubscriptionSink sink;
    private LiveGroup group;
    private Cohort cohort;
    private boolean pushed;
    private long lastHash;
    private boolean cancelled;

    Subscriber(GraphqlRequest request, Session session, SubscriptionSink sink) {
        this.request = request;
        this.session = session;
        this.sink = sink;
    }

    synchronized boolean place(LiveGroup g, Cohort c) {
        if (cancelled) {
            return false;
        }
        group = g;
        cohort = c;
        return true;
    }

    /** Sends a result unless it is the one last sent; answers whether it was sent. */
    synchronized boolean push(Cohort.Result result) {
        if (cancelled || (pushed && result.hash() == lastHash)) {
            return false;
        }
        pushed = true;
        lastHash = result.hash();
        sink.next(result.data());
        return true;
    }

    /** Leaves the current cohort (to join another, or for good). */
    void detach() {
        LiveGroup g;
        Cohort c;
        synchronized (this) {
            g = group;
            c = cohort;
            group = null;
            cohort = null;
        }
        if (g != null) {
            g.leave(c, this);
        }
    }

    void cancel() {
        synchronized (this) {
            cancelled = true;
        }
        detach();
    }

    /** The subscription cannot go on: it ends with this error. */
    void fail(Throwable failure) {
        cancel();
        sink.error(failure);
    }
}
