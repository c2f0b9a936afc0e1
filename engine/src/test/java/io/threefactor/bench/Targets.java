package io.threefactor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.sqlclient.Pool;

/** The two ways to ask a query: POST it to the engine, or run its hand-written SQL on a pg pool. */
final class Targets {

    private static final ObjectMapper JSON = new ObjectMapper();
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
            Buffer body = Buffer.buffer(prefix + q.params().apply(k).variablesJson() + "}");
            return http.request(HttpMethod.POST, port, "127.0.0.1", "/v1/graphql")
                    .compose(req -> req.putHeader("content-type", "application/json").send(body))
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

    static Future<String> engineText(HttpClient http, int port, BenchQuery q, long k) {
        return engine(http, port, q).apply(k).map(Object::toString);
    }

    static Future<String> sqlText(Pool pool, BenchQuery q, long k) {
        return sql(pool, q).apply(k).map(String.class::cast);
    }
}
