package io.threefactor.engine.metadata;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.MetadataApi;
import io.threefactor.engine.support.MetadataApi.Answer;
import io.threefactor.engine.support.StoredMetadataProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.restassured.RestAssured.given;
import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.MetadataApi.assertSuccess;
import static io.threefactor.engine.support.MetadataApi.metadata;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Metadata stored with names GraphQL refuses (see {@code StoredMetadataDatabase}) does not keep the engine from
 * starting: those tables are inconsistent objects, left out of the schema, the rest is served, and the metadata
 * API can repair them.
 */
@QuarkusTest
@TestProfile(StoredMetadataProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoredInvalidNamesTest {

    @Test
    @Order(1)
    void theEngineStartsAndServesTheRest() {
        given().get("/healthz").then().statusCode(200).body(equalTo("OK"));
        assertEquals(json("{'data':{'sm_good':[{'id':1}]}}"), MetadataApi.graphql("{ sm_good { id } }"));
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet','code':'validation-failed'},"
                + "'message':'field ^sm_bad^ not found in type: ^query_root^'}]}"), MetadataApi.graphql("{ sm_bad { id } }"));
    }

    @Test
    @Order(2)
    void theObjectsAreReportedInconsistent() {
        Answer report = metadata("{'type':'get_inconsistent_metadata','args':{}}");
        assertEquals(json("{'is_consistent':false,'inconsistent_objects':["
                + "{'definition':{'schema':'public','name':'sm_odd'},'name':'table sm_odd in source default',"
                + "'reason':'Inconsistent object: x; drop is not valid GraphQL name','type':'table'},"
                + "{'definition':{'schema':'public','name':'sm_bad'},'name':'table sm_bad in source default',"
                + "'reason':'Inconsistent object: cannot include `my-col` in the GraphQL schema because  it is not a "
                + "valid GraphQL identifier','type':'table'}]}"), report.text());
    }

    @Test
    @Order(3)
    void theMetadataApiRepairsThem() {
        assertSuccess(metadata("{'type':'pg_set_table_customization','args':{'table':'sm_odd','configuration':"
                + "{'custom_root_fields':{'select':'odd_rows'}}}}"));
        assertSuccess(metadata("{'type':'pg_set_table_customization','args':{'table':'sm_bad','configuration':"
                + "{'column_config':{'my-col':{'custom_name':'my_col'}}}}}"));
        assertEquals(json("{'data':{'odd_rows':[{'id':2}],'sm_bad':[{'my_col':4}]}}"),
                MetadataApi.graphql("{ odd_rows { id } sm_bad { my_col } }"));
        assertEquals(json("{'is_consistent':true,'inconsistent_objects':[]}"),
                metadata("{'type':'get_inconsistent_metadata','args':{}}").text());
    }
}
