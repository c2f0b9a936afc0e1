package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.Graphql;
import io.threefactor.engine.support.MetadataApi;
import io.threefactor.engine.support.MetadataApi.Answer;
import io.threefactor.engine.support.MetadataApiDatabase;
import io.threefactor.engine.support.QueryApiProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.MetadataApi.assertError;
import static io.threefactor.engine.support.MetadataApi.assertSuccess;
import static io.threefactor.engine.support.MetadataApi.v1Query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The argument shapes Hasura accepts for {@code /v1/query} calls beyond the canonical ones (as its own test setups
 * use them): a table as a bare name, an insert permission without {@code columns}, {@code foreign_key_constraint_on}
 * with {@code columns} as one column, a permission filter on a computed field. Uses su_* tables that it creates.
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupShapesTest {

    @Test
    @Order(1)
    void trackTableTakesTheTableAsItsWholeArguments() {
        Answer created = v1Query("{'type':'run_sql','args':{'sql':'CREATE TABLE su_author (id int PRIMARY KEY, "
                + "name text); CREATE TABLE su_article (id int PRIMARY KEY, author_id int REFERENCES su_author (id), "
                + "title text, owner text); INSERT INTO su_author VALUES (1, ^a^); "
                + "INSERT INTO su_article VALUES (1, 1, ^t^, ^7^); "
                + "CREATE FUNCTION su_shout(author_row su_author) RETURNS text LANGUAGE sql STABLE "
                + "AS $$ SELECT upper(author_row.name) $$'}}");
        assertEquals("CommandOk", created.body().path("result_type").asText(), created.text());
        assertSuccess(v1Query("{'type':'track_table','args':'su_author'}"));
        assertSuccess(v1Query("{'type':'track_table','args':{'schema':'public','name':'su_article'}}"));
        assertError("{'path':'$.args','error':'view/table already tracked: `su_author`','code':'already-tracked'}",
                v1Query("{'type':'track_table','args':'su_author'}"));
        assertEquals(json("{'data':{'su_author':[{'name':'a'}]}}"), MetadataApi.graphql("{ su_author { name } }"));
    }

    @Test
    @Order(2)
    void foreignKeyColumnsMayBeOneColumnOrAList() {
        assertSuccess(v1Query("{'type':'create_array_relationship','args':{'table':'su_author','name':'articles',"
                + "'using':{'foreign_key_constraint_on':{'table':'su_article','columns':'author_id'}}}}"));
        assertSuccess(v1Query("{'type':'create_object_relationship','args':{'table':'su_article','name':'author',"
                + "'using':{'foreign_key_constraint_on':['author_id']}}}"));
        assertEquals(json("{'data':{'su_author':[{'articles':[{'author':{'name':'a'}}]}]}}"),
                MetadataApi.graphql("{ su_author { articles { author { name } } } }"));
        JsonNode tables = v1Query("{'type':'export_metadata','args':{}}").body().path("sources").path(0).path("tables");
        // stored the way Hasura exports it: "column" for one column, the table qualified
        assertEquals(json("{'foreign_key_constraint_on':{'table':{'name':'su_article','schema':'public'},"
                + "'column':'author_id'}}"), entry(tables, "su_author").path("array_relationships").path(0)
                .path("using").toString());
        assertEquals(json("{'foreign_key_constraint_on':'author_id'}"), entry(tables, "su_article")
                .path("object_relationships").path(0).path("using").toString());
        assertError("{'path':'$.args.using.foreign_key_constraint_on','error':'expected exactly one of ^column^ or "
                        + "^columns^','code':'parse-failed'}",
                v1Query("{'type':'create_array_relationship','args':{'table':'su_author','name':'more','using':"
                        + "{'foreign_key_constraint_on':{'table':'su_article','column':'author_id','columns':['author_id']}}}}"));
        assertError("{'path':'$.args.using.foreign_key_constraint_on','error':'Expecting object { table, columns }.',"
                        + "'code':'parse-failed'}",
                v1Query("{'type':'create_array_relationship','args':{'table':'su_author','name':'more','using':"
                        + "{'foreign_key_constraint_on':'author_id'}}}"));
    }

    private static JsonNode entry(JsonNode tables, String name) {
        for (JsonNode t : tables) {
            if (name.equals(t.path("table").path("name").asText())) {
                return t;
            }
        }
        throw new AssertionError(name + " not exported: " + tables);
    }

    @Test
    @Order(3)
    void anInsertPermissionWithoutColumnsAllowsEveryColumn() {
        assertSuccess(v1Query("{'type':'create_insert_permission','args':{'table':'su_article','role':'writer',"
                + "'permission':{'check':{'owner':{'_eq':'X-Hasura-User-Id'}}}}}"));
        String inserted = Graphql.query("mutation { insert_su_article(objects: [{id: 2, author_id: 1, title: \"u\", "
                        + "owner: \"7\"}]) { affected_rows } }", Map.of(),
                Map.of("x-hasura-admin-secret", MetadataApiDatabase.ADMIN_SECRET, "x-hasura-role", "writer",
                        "x-hasura-user-id", "7"));
        assertEquals(json("{'data':{'insert_su_article':{'affected_rows':1}}}"), inserted);
        assertError("{'path':'$.args.permission','error':'the key ^check^ was not present','code':'parse-failed'}",
                v1Query("{'type':'create_insert_permission','args':{'table':'su_article','role':'other',"
                        + "'permission':{'columns':'*'}}}"));
        assertError("{'path':'$.args.permission','error':'the key ^filter^ was not present','code':'parse-failed'}",
                v1Query("{'type':'create_select_permission','args':{'table':'su_article','role':'other',"
                        + "'permission':{'columns':'*'}}}"));
    }

    @Test
    @Order(4)
    void aPermissionFilterMayCompareAComputedField() {
        assertSuccess(v1Query("{'type':'add_computed_field','args':{'table':'su_author','name':'shout',"
                + "'definition':{'function':'su_shout'}}}"));
        assertSuccess(v1Query("{'type':'create_select_permission','args':{'table':'su_author','role':'reader',"
                + "'permission':{'columns':['id'],'filter':{'shout':{'_eq':'A'}}}}}"));
        assertEquals(json("{'data':{'su_author':[{'id':1}]}}"), Graphql.query("{ su_author { id } }", Map.of(),
                Map.of("x-hasura-admin-secret", MetadataApiDatabase.ADMIN_SECRET, "x-hasura-role", "reader")));
    }

    @Test
    @Order(5)
    void aPermissionMayUseHasurasOlderBooleanSpellings() {
        // $or/$eq for _or/_eq, a bare value for _eq, _ne for _neq; inside a relationship too
        assertSuccess(v1Query("{'type':'create_select_permission','args':{'table':'su_article','role':'old',"
                + "'permission':{'columns':['id'],'filter':{'$or':[{'owner':'X-Hasura-User-Id'},"
                + "{'author':{'name':{'$eq':'nobody'}}}],'title':{'_ne':'u'}}}}}"));
        assertEquals(json("{'data':{'su_article':[{'id':1}]}}"), Graphql.query("{ su_article { id } }", Map.of(),
                Map.of("x-hasura-admin-secret", MetadataApiDatabase.ADMIN_SECRET, "x-hasura-role", "old",
                        "x-hasura-user-id", "7")));
    }

    @Test
    @Order(6)
    void aComputedFieldOfRowsNeedsOnlySelectOnThoseRows() {
        v1Query("{'type':'run_sql','args':{'sql':'CREATE FUNCTION su_writings(author_row su_author) RETURNS SETOF "
                + "su_article LANGUAGE sql STABLE AS $$ SELECT * FROM su_article WHERE author_id = author_row.id $$'}}");
        assertSuccess(v1Query("{'type':'add_computed_field','args':{'table':'su_author','name':'writings',"
                + "'definition':{'function':'su_writings'}}}"));
        for (String table : new String[] {"su_author", "su_article"}) {
            assertSuccess(v1Query("{'type':'create_select_permission','args':{'table':'" + table + "','role':'both',"
                    + "'permission':{'columns':['id'],'filter':{}}}}"));
        }
        // not listed in computed_fields (that is for scalar ones): the role's select on su_article is enough
        assertEquals(json("{'data':{'su_author':[{'id':1,'writings':[{'id':1},{'id':2}]}]}}"), Graphql.query(
                "{ su_author { id writings(order_by: {id: asc}) { id } } }", Map.of(), Map.of("x-hasura-admin-secret",
                        MetadataApiDatabase.ADMIN_SECRET, "x-hasura-role", "both")));
        String denied = Graphql.query("{ su_author { writings { id } } }", Map.of(), Map.of("x-hasura-admin-secret",
                MetadataApiDatabase.ADMIN_SECRET, "x-hasura-role", "reader"));
        assertEquals(true, denied.contains("field 'writings' not found in type: 'su_author'"), denied);
    }
}
