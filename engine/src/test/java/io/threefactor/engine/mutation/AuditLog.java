package io.threefactor.engine.mutation;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.inject.spi.CDI;

import java.util.concurrent.TimeUnit;

/** Reads what the fixture's audit trigger recorded of the session variables ({@code hasura.user}). */
final class AuditLog {

    private AuditLog() { }

    static String lastFor(int articleId) {
        Pool pool = CDI.current().select(Pool.class).get();
        try {
            return pool.preparedQuery("SELECT hasura_user::text FROM article_audit WHERE article_id = $1 ORDER BY id DESC LIMIT 1")
                    .execute(Tuple.of(articleId)).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).iterator().next().getString(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
