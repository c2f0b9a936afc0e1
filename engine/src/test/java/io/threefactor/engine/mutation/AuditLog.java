package io.threefactor.engine.mutation;

import io.threefactor.engine.runtime.Engine;
import jakarta.enterprise.inject.spi.CDI;

import java.util.concurrent.TimeUnit;

/** Reads what the fixture's audit trigger recorded of the session variables ({@code hasura.user}). */
final class AuditLog {

    private AuditLog() { }

    static String lastFor(int articleId) {
        Engine engine = CDI.current().select(Engine.class).get();
        try {
            return engine.pool().preparedQuery("SELECT hasura_user::text FROM article_audit WHERE article_id = $1 ORDER BY id DESC LIMIT 1")
                    .execute(io.vertx.sqlclient.Tuple.of(articleId)).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).iterator().next().getString(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
