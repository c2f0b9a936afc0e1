package io.threefactor.engine.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.session.Session;
import io.threefactor.engine.support.LibraryProfile;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.threefactor.engine.support.Graphql.canonical;
import static io.threefactor.engine.support.Graphql.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import io.threefactor.engine.runtime.Snapshots;
import io.vertx.sqlclient.Pool;

/** One statement answers many cohorts of subscribers, each with its own variables and session. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class MultiplexedQueryTest {

    @Inject
    Snapshots snapshots;

    @Inject
    Pool pool;

    @Inject
    GraphqlExecutor executor;

    @Test
    void answersEachCohortWithItsOwnVariablesAndSessionInOneStatement() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Session author = new Session("author", Map.of("x-hasura-role", "author", "x-hasura-user-id", "1"), false);
        GraphqlRequest request = new GraphqlRequest(
                "query ($min: bigint!, $ids: [Int!]) { article(where: {views: {_gte: $min}, id: {_in: $ids}}, order_by: {id: asc}) { id } }",
                json.readTree("{\"min\": 0, \"ids\": [1]}"), null);
        GraphqlExecutor.Prepared prepared = executor.prepare(snapshots.current(), author, request);
        CompiledSql sql = new SqlCompiler().compileMultiplexed(prepared.plan().operation());

        Tuple tuple = executor.binder().bindMultiplexed(sql.params(),
                new String[]{"c1", "c2", "c3"},
                new String[]{"{\"min\": 0, \"ids\": [1, 2, 3]}", "{\"min\": 100, \"ids\": [1, 2, 3]}", "{\"min\": 0, \"ids\": [3, 4]}"},
                new String[]{"{\"x-hasura-user-id\": \"1\"}", "{\"x-hasura-user-id\": \"1\"}", "{\"x-hasura-user-id\": \"2\"}"});
        Map<String, String> byCohort = new LinkedHashMap<>();
        for (Row row : pool.preparedQuery(sql.sql()).execute(tuple).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS)) {
            byCohort.put(row.getString(0), canonical(row.getString(1)));
        }
        assertEquals(json("{'article':[{'id':1},{'id':2}]}"), byCohort.get("c1"));
        assertEquals(json("{'article':[{'id':1}]}"), byCohort.get("c2"));
        assertEquals(json("{'article':[{'id':3},{'id':4}]}"), byCohort.get("c3"));
    }
}
