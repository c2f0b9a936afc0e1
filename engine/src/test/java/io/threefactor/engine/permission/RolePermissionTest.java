package io.threefactor.engine.permission;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.PermissionProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Role-based permissions as Hasura defines them, compiled into the single SQL statement. */
@QuarkusTest
@TestProfile(PermissionProfile.class)
class RolePermissionTest {

    private static final Map<String, String> READER = Map.of("x-hasura-role", "reader");

    private static Map<String, String> role(String role, String userId) {
        return Map.of("x-hasura-role", role, "x-hasura-user-id", userId);
    }

    @Test
    void filtersRowsWithTheRolesFilterAndItsLimit() {
        assertEquals(json("{'data':{'author':[{'id':1},{'id':2},{'id':4}]}}"),
                query("{ author(order_by: {id: asc}) { id } }", Map.of(), READER));
        assertEquals(json("{'data':{'article':[{'id':1},{'id':3},{'id':4}]}}"),
                query("{ article(order_by: {id: asc}) { id } }", Map.of(), READER), "limit 3 of the reader's permission");
    }

    @Test
    void appliesTheTargetTablesPermissionThroughRelationships() {
        assertEquals(json("{'data':{'author_by_pk':{'articles':[{'id':1}]}}}"),
                query("{ author_by_pk(id: 1) { articles(order_by: {id: asc}) { id } } }", Map.of(), READER));
    }

    @Test
    void leavesColumnsOutsideThePermissionOutOfTheSchema() {
        assertThat(query("{ author { email } }", Map.of(), READER), containsString("field 'email' not found in type: 'author'"));
    }

    @Test
    void refusesAggregatesWhereTheRoleMayNotAggregate() {
        assertThat(query("{ author_aggregate { aggregate { count } } }", Map.of(), READER),
                containsString("field 'author_aggregate' not found in type: 'query_root'"));
        assertEquals(json("{'data':{'article_aggregate':{'aggregate':{'count':2}}}}"),
                query("{ article_aggregate { aggregate { count } } }", Map.of(), role("author", "2")));
    }

    @Test
    void readsHasurasPermissionSpellingsAndColumnComparisons() {
        assertEquals(json("{'data':{'comment':[{'id':1},{'id':5}]}}"),
                query("{ comment(order_by: {id: asc}) { id } }", Map.of(), role("commenter", "2")), "a bare value is _eq");
        assertEquals(json("{'data':{'comment':[{'id':1},{'id':2},{'id':3}]}}"),
                query("{ comment(order_by: {id: asc}) { id } }", Map.of(), Map.of("x-hasura-role", "critic")),
                "$and, $gt and _cne against the comment's own row: others' comments with more than 2 likes");
    }

    @Test
    void capsOnlyTheNodesWithTheRowLimitWhenAggregatesAreAsked() {
        Map<String, String> sampler = Map.of("x-hasura-role", "sampler");
        assertEquals(json("{'data':{'article_aggregate':{'aggregate':{'count':5},'nodes':[{'id':1},{'id':2}]}}}"),
                query("{ article_aggregate(order_by: {id: asc}) { aggregate { count } nodes { id } } }", Map.of(), sampler));
        assertEquals(json("{'data':{'article_aggregate':{'nodes':[{'id':5},{'id':4}]}}}"),
                query("{ article_aggregate(order_by: {id: desc}) { nodes { id } } }", Map.of(), sampler));
    }

    @Test
    void showsAnInheritedRoleTheUnionOfItsMembersWithColumnsOnlyWhereGranted() {
        assertEquals(json("{'data':{'author':[{'id':1,'email':'ada@example.com'},{'id':2,'email':null}]}}"),
                query("{ author(order_by: {id: asc}) { id email } }", Map.of(), role("editor", "1")),
                "rows of reader (active) or author (own); email only on the editor's own row; row limit 2");
    }

    @Test
    void enforcesDepthAndNodeLimitsPerRoleBeforeRunningSql() {
        assertThat(query("{ author { articles { author { id } } } }", Map.of(), READER),
                containsString("exceeds the depth limit of 3 for role 'reader'"));
        assertThat(query("{ a: author { id name rating } b: author { id name rating } c: author { id name rating } d: author { id } }", Map.of(), READER),
                containsString("exceed the node limit of 12 for role 'reader'"));
        assertEquals(json("{'data':{'author':[{'articles':[{'comments':[]}]}]}}"),
                query("{ author(where: {id: {_eq: 4}}) { articles { comments(where: {id: {_eq: 99}}) { id } } } }"),
                "the limits are per role: admin has none");
    }

    @Test
    void hidesIntrospectionFromRolesItIsDisabledFor() {
        assertThat(query("{ __schema { queryType { name } } }", Map.of(), READER), containsString("validation-failed"));
        assertEquals(json("{'data':{'__schema':{'queryType':{'name':'query_root'}}}}"),
                query("{ __schema { queryType { name } } }", Map.of(), role("author", "1")));
    }

    @Test
    void allowsBackendOnlyInsertsOnlyWithTheBackendHeader() {
        String insert = "mutation { insert_comment(objects: [{article_id: 1, body: \"moderated\"}]) { affected_rows } }";
        assertThat(query(insert, Map.of(), Map.of("x-hasura-role", "moderator")), containsString("only to trusted backends"));
        assertEquals(json("{'data':{'insert_comment':{'affected_rows':1}}}"),
                query(insert, Map.of(), Map.of("x-hasura-role", "moderator", "x-hasura-use-backend-only-permissions", "true")));
    }
}
