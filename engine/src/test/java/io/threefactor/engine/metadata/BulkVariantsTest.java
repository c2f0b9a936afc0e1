package io.threefactor.engine.metadata;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.MetadataApi;
import io.threefactor.engine.support.MetadataApi.Answer;
import io.threefactor.engine.support.QueryApiProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.MetadataApi.assertError;
import static io.threefactor.engine.support.MetadataApi.assertSuccess;
import static io.threefactor.engine.support.MetadataApi.metadata;
import static io.threefactor.engine.support.MetadataApi.v1Query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Hasura's bulk calls: {@code bulk} stops at the first failure and saves none of its metadata changes (SQL that
 * run_sql committed stays, as in Hasura), {@code bulk_keep_going} answers each call, {@code bulk_atomic} checks its
 * relationship changes together, {@code concurrent_bulk} takes only calls that leave the schema alone. Uses bk_*.
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkVariantsTest {

    private static boolean tracked(String table) {
        return v1Query("{'type':'export_metadata','args':{}}").text().contains("\"name\":\"" + table + "\"");
    }

    @Test
    @Order(1)
    void aFailedBulkSavesNoMetadataChange() {
        Answer failed = v1Query("{'type':'bulk','args':[{'type':'run_sql','args':{'sql':'CREATE TABLE bk_a (id int "
                + "PRIMARY KEY); CREATE TABLE bk_b (id int PRIMARY KEY, a_id int REFERENCES bk_a (id))'}},"
                + "{'type':'track_table','args':'bk_a'},{'type':'track_table','args':'bk_nope'}]}");
        assertEquals(400, failed.status(), failed.text());
        assertEquals("$.args[2].args", failed.body().path("path").asText(), failed.text());
        assertFalse(tracked("bk_a"));
        assertEquals(json("{'result_type':'TuplesOk','result':[['count'],['0']]}"),
                v1Query("{'type':'run_sql','args':{'sql':'SELECT count(*) FROM bk_b'}}").text());
    }

    @Test
    @Order(2)
    void bulkKeepGoingAnswersEachCall() {
        Answer answer = metadata("{'type':'bulk_keep_going','args':[{'type':'pg_track_table','args':{'table':'bk_a'}},"
                + "{'type':'pg_track_table','args':{'table':'bk_nope'}},{'type':'pg_track_table','args':{'table':'bk_b'}}]}");
        assertEquals(200, answer.status(), answer.text());
        assertEquals(json("{'message':'success'}"), answer.body().path(0).toString());
        assertEquals("invalid-configuration", answer.body().path(1).path("code").asText(), answer.text());
        assertEquals(json("{'message':'success'}"), answer.body().path(2).toString());
        assertEquals(true, tracked("bk_a") && tracked("bk_b"));
    }

    @Test
    @Order(3)
    void bulkAtomicChecksItsRelationshipsTogether() {
        assertSuccess(metadata("{'type':'pg_create_object_relationship','args':{'table':'bk_b','name':'a',"
                + "'using':{'foreign_key_constraint_on':'a_id'}}}"));
        // dropped and made again under the same name: only the end result is checked
        assertSuccess(metadata("{'type':'bulk_atomic','args':[{'type':'pg_drop_relationship','args':{'table':'bk_b',"
                + "'relationship':'a'}},{'type':'pg_create_object_relationship','args':{'table':'bk_b','name':'a',"
                + "'using':{'manual_configuration':{'remote_table':'bk_a','column_mapping':{'a_id':'id'}}}}}]}"));
        Answer broken = metadata("{'type':'bulk_atomic','args':[{'type':'pg_create_array_relationship','args':"
                + "{'table':'bk_a','name':'bs','using':{'manual_configuration':{'remote_table':'bk_b',"
                + "'column_mapping':{'id':'nope'}}}}}]}");
        assertEquals(400, broken.status(), broken.text());
        assertEquals("Schema inconsistency", broken.body().path("error").asText(), broken.text());
        assertEquals(json("{'path':'$.args[0]','error':'Bulk atomic does not support this command','code':'unexpected'}"),
                metadata("{'type':'bulk_atomic','args':[{'type':'pg_track_table','args':{'table':'bk_a'}}]}").text());
        assertEquals(json("{'data':{'bk_b':[]}}"), MetadataApi.graphql("{ bk_b { a { id } } }"));
    }

    @Test
    @Order(4)
    void concurrentBulkTakesOnlyCallsThatLeaveTheSchemaAlone() {
        Answer read = MetadataApi.post("/v2/query", json("{'type':'concurrent_bulk','args':[{'type':'run_sql',"
                + "'args':{'sql':'SELECT 1 AS one','read_only':true}},{'type':'count','args':{'table':'bk_a'}}]}"));
        assertEquals(json("[{'result_type':'TuplesOk','result':[['one'],['1']]},{'count':0}]"), read.text());
        Answer ddl = MetadataApi.post("/v2/query", json("{'type':'concurrent_bulk','args':[{'type':'run_sql',"
                + "'args':{'sql':'DROP TABLE bk_b'}}]}"));
        assertEquals(json("{'path':'$','error':'Only read-only queries are allowed in a concurrent_bulk',"
                + "'code':'unexpected'}"), ddl.text());
        assertError("{'path':'$','error':'unknown metadata call `concurrent_bulk`','code':'parse-failed'}",
                metadata("{'type':'concurrent_bulk','args':[]}"));
    }
}
