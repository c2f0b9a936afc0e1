package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.StringifiedNumbersProfile;
import org.junit.jupiter.api.Test;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With stringified numerics, bigint, numeric, double precision and money values are JSON strings, as Postgres
 * prints them; smaller numbers, counts and arrays stay as they are.
 */
@QuarkusTest
@TestProfile(StringifiedNumbersProfile.class)
class StringifiedNumbersTest {

    @Test
    void answersBigNumbersOfColumnsAsStrings() {
        assertEquals(json("{'data':{'article_by_pk':{'id':1,'views':'500','score':'9.50'}}}"),
                query("{ article_by_pk(id: 1) { id views score } }"));
    }

    @Test
    void answersAggregatesOfBigNumberColumnsAsStringsButCountsAsNumbers() {
        assertEquals(json("{'data':{'article_aggregate':{'aggregate':{'count':5,'sum':{'views':'1620','score':'34.65'},"
                        + "'max':{'id':5,'views':'900'}}}}}"),
                query("{ article_aggregate { aggregate { count sum { views score } max { id views } } } }"));
    }

    @Test
    void answersMutationResultsTheSameWay() {
        assertEquals(json("{'data':{'update_article_by_pk':{'views':'500'}}}"),
                query("mutation { update_article_by_pk(pk_columns: {id: 1}, _inc: {views: 0}) { views } }"));
    }
}
