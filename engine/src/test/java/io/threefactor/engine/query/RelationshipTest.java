package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Object and array relationships (foreign key and manual), nested, with their own arguments. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class RelationshipTest {

    @Test
    void nestsRelationshipsThreeDeepWithAggregatesInside() {
        assertEquals(json("{'data':{'author_by_pk':{'name':'Ada Lovelace','articles':["
                        + "{'title':'Notes on the Analytical Engine','comments':["
                        + "{'body':'Remarkable foresight.','author':{'name':'Alan Turing','articles_aggregate':{'aggregate':{'count':2}}}},"
                        + "{'body':'Elegant.','author':{'name':'Edsger Dijkstra','articles_aggregate':{'aggregate':{'count':1}}}}]},"
                        + "{'title':'Poetical Science','comments':[]}]}}}"),
                query("{ author_by_pk(id: 1) { name articles(order_by: {id: asc}) { title"
                        + " comments(order_by: {id: asc}) { body author { name articles_aggregate { aggregate { count } } } } } } }"));
    }

    @Test
    void answersNullForAnObjectRelationshipWithoutARow() {
        assertEquals(json("{'data':{'comment':[{'id':3,'author':{'name':'Ada Lovelace'}},{'id':4,'author':null}]}}"),
                query("{ comment(where: {article_id: {_eq: 3}}, order_by: {id: asc}) { id author { name } } }"));
    }

    @Test
    void filtersAnArrayRelationshipWithItsOwnWhere() {
        assertEquals(json("{'data':{'author':[{'id':1,'articles':[{'id':1}]},{'id':2,'articles':[{'id':3},{'id':4}]},"
                        + "{'id':3,'articles':[]},{'id':4,'articles':[{'id':5}]}]}}"),
                query("{ author(order_by: {id: asc}) { id articles(where: {published: {_eq: true}}, order_by: {id: asc}) { id } } }"));
    }

    @Test
    void followsManualRelationshipsOfViewsWithCustomNames() {
        assertEquals(json("{'data':{'hits':[{'__typename':'hit','id':1,'view_count':500,'author':{'name':'Ada Lovelace'}},"
                        + "{'__typename':'hit','id':3,'view_count':900,'author':{'name':'Alan Turing'}},"
                        + "{'__typename':'hit','id':4,'view_count':100,'author':{'name':'Alan Turing'}},"
                        + "{'__typename':'hit','id':5,'view_count':100,'author':{'name':'Edsger Dijkstra'}}]}}"),
                query("{ hits(order_by: {id: asc}) { __typename id view_count author { name } } }"));
    }

    @Test
    void aliasesTheSameRelationshipTwiceWithDifferentArguments() {
        assertEquals(json("{'data':{'author_by_pk':{'first':[{'id':3}],'last':[{'id':4}]}}}"),
                query("{ author_by_pk(id: 2) { first: articles(order_by: {id: asc}, limit: 1) { id }"
                        + " last: articles(order_by: {id: desc}, limit: 1) { id } } }"));
    }
}
