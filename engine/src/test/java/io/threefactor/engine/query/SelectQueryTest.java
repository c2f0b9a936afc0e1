package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Selections over tracked tables: columns, filters, ordering, paging, relationships. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class SelectQueryTest {

    @Test
    void selectsColumnsOfEveryRowInPrimaryKeyOrder() {
        assertEquals(json("{'data':{'author':[{'id':1,'name':'Ada Lovelace'},{'id':2,'name':'Alan Turing'},"
                        + "{'id':3,'name':'Grace Hopper'},{'id':4,'name':'Edsger Dijkstra'}]}}"),
                query("{ author(order_by: {id: asc}) { id name } }"));
    }

    @Test
    void selectsByPrimaryKeyWithAVariable() {
        assertEquals(json("{'data':{'author_by_pk':{'name':'Alan Turing','rating':4}}}"),
                query("query ($id: Int!) { author_by_pk(id: $id) { name rating } }", Map.of("id", 2)));
    }

    @Test
    void answersNullForAMissingPrimaryKey() {
        assertEquals(json("{'data':{'author_by_pk':null}}"), query("{ author_by_pk(id: 99) { name } }"));
    }
}
