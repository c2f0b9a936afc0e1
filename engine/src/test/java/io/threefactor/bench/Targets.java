package io.threefactor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The ways to ask a query: POST it to the engine, or run its hand-written SQL on a pg pool (alone, or in a
 * transaction after setting the session variables as the engine does for mutations).
 */
final class Targets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SET_SESSION = "SELECT set_config('hasura.user', $1, true)";
    private static final Buffer DATA_PREFIX = Buffer.buffer("{\"data\":");

    private Targets() { }

    /** Request k to the engine; answers the whole response body, failing unless it is a {@code data} answer. */
    static LoadDriver.Sender engine(HttpClient http, int port, BenchQuery q) {
        // The query text is JSON-escaped once; per request only the variables object is appended.
        String prefix;
        try {
            prefix = "{\"operationName\":" + JSON.writeValueAsString(q.operationName())
                    + ",\"query\":" + JSON.writeValueAsString(q.graphql()) + ",\"variables\":";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return k -> {
            BenchQuery.Params params = q.params().apply(k);
            Buffer body = Buffer.buffer(prefix + params.variablesJson() + "}");
            return http.request(HttpMethod.POST, port, "127.0.0.1", "/v1/graphql")
                    .compose(req -> {
                        req.putHeader("content-type", "application/json");
                        params.headers().forEach(req::putHeader);
                        return req.send(body);
                    })
                    .compose(resp -> resp.body().map(b -> {
                        if (resp.statusCode() != 200 || b.length() < DATA_PREFIX.length()
                                || !b.getBuffer(0, DATA_PREFIX.length()).equals(DATA_PREFIX)) {
                            throw new IllegalStateException("HTTP " + resp.statusCode() + ": "
                                    + JsonComparison.abbreviate(b.toString(), 500));
                        }
                        return b;
                    }));
        };
    }

    /** Request k as SQL; answers the JSON text of the single column, as the engine receives it. */
    static LoadDriver.Sender sql(Pool pool, BenchQuery q) {
        return k -> pool.preparedQuery(q.sql()).execute(q.params().apply(k).sqlArgs())
                .map(rows -> rows.iterator().next().getString(0));
    }

    /**
     * Request k as SQL in a transaction that first sets the session variables, as the engine runs a mutation:
     * BEGIN, {@code set_config('hasura.user', …, true)} and the statement sent without waiting (pipelined), COMMIT.
     */
    static LoadDriver.Sender sqlInTransaction(Pool pool, BenchQuery q, String sessionJson) {
        Tuple session = Tuple.of(sessionJson);
        return k -> pool.withTransaction(conn -> {
            Future<?> set = conn.preparedQuery(SET_SESSION).execute(session);
            Future<String> answer = conn.preparedQuery(q.sql()).execute(q.params().apply(k).sqlArgs())
                    .map(rows -> rows.iterator().next().getString(0));
            return set.compose(x -> answer);
        });
    }

    static LoadDriver.Sender sender(BenchCase.Side side, HttpClient http, int port, Pool direct) {
        return switch (side.via()) {
            case ENGINE -> engine(http, port, side.query());
            case SQL -> sql(direct, side.query());
            case SQL_TRANSACTION -> sqlInTransaction(direct, side.query(), QueryCatalogue.ADMIN_SESSION_JSON);
        };
    }

    static Future<String> engineText(HttpClient http, int port, BenchQuery q, long k) {
        return engine(http, port, q).apply(k).map(Object::toString);
    }

    static Future<String> sqlText(Pool pool, BenchQuery q, long k) {
        return sql(pool, q).apply(k).map(String.class::cast);
    }
}
