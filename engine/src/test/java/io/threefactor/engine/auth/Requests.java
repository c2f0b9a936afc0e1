package io.threefactor.engine.auth;

import io.threefactor.engine.support.Graphql;

import java.util.HashMap;
import java.util.Map;

/** The query every authentication test asks: which authors the session may see (its role's row filter). */
final class Requests {

    static final String AUTHORS = "{ author(order_by: {id: asc}) { id } }";

    /** What role {@code author} with {@code X-Hasura-User-Id} 2 sees: only author 2. */
    static final String AUTHOR_2 = Graphql.json("{'data':{'author':[{'id':2}]}}");
    /** What role {@code reader} sees: the active authors. */
    static final String READER = Graphql.json("{'data':{'author':[{'id':1},{'id':2},{'id':4}]}}");

    private Requests() { }

    static String withBearer(String token, String... headers) {
        Map<String, String> h = headers(headers);
        h.put("Authorization", "Bearer " + token);
        return Graphql.query(AUTHORS, Map.of(), h);
    }

    static String withHeaders(String... headers) {
        return Graphql.query(AUTHORS, Map.of(), headers(headers));
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            h.put(pairs[i], pairs[i + 1]);
        }
        return h;
    }

    /** Hasura's error body. */
    static String error(String code, String message) {
        return Graphql.json("{'errors':[{'extensions':{'path':'$','code':'" + code + "'},'message':'"
                + message.replace("'", "^") + "'}]}");
    }
}
