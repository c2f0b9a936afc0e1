package io.threefactor.engine.config;

import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where statements go: the primary for mutations (and everything that must see its own writes: metadata,
 * subscriptions, events), the read replicas ({@code HASURA_GRAPHQL_READ_REPLICA_URLS}) in turn for queries.
 * Subscriptions stay on the primary: a change notification comes from the primary's commit, and a lagging
 * replica would push the old result and then stay quiet.
 */
public final class Databases {

    private final Pool primary;
    private final List<Pool> replicas;
    private final AtomicInteger turn = new AtomicInteger();

    public Databases(Pool primary, List<Pool> replicas) {
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
    }

    public Pool primary() {
        return primary;
    }

    /** The pool for a query: the next replica, or the primary when there are none. */
    public Pool forReads() {
        return replicas.isEmpty() ? primary : replicas.get(Math.floorMod(turn.getAndIncrement(), replicas.size()));
    }

    public List<Pool> replicas() {
        return replicas;
    }
}
