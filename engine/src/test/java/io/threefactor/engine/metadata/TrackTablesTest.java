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
import static io.threefactor.engine.support.MetadataApi.assertAnswer;
import static io.threefactor.engine.support.MetadataApi.assertError;
import static io.threefactor.engine.support.MetadataApi.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code pg_track_tables} and {@code pg_untrack_tables}: many tables in one call, failures as warnings unless
 * {@code allow_warnings} is false. Uses tables tt_* that it creates.
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackTablesTest {



    @Test
    @Order(1)
    void tracksEveryTableOfTheList() {
        assertAnswer("{'result_type':'CommandOk','result':null}", MetadataApi.post("/v2/query", json("{'type':'run_sql',"
                + "'args':{'sql':'CREATE TABLE tt_one (id int PRIMARY KEY); CREATE TABLE tt_two (id int PRIMARY KEY);"
                + " CREATE TABLE tt_three (id int PRIMARY KEY); CREATE TABLE tt_four (id int PRIMARY KEY)'}}")));
        assertAnswer("{'message':'success'}", metadata("{'type':'pg_track_tables','args':{'tables':[{'table':'tt_one'},"
                + "{'table':{'schema':'public','name':'tt_two'},'configuration':{'custom_name':'second'}}]}}"));
        assertEquals(json("{'data':{'tt_one':[],'second':[]}}"), MetadataApi.graphql("{ tt_one { id } second { id } }"));
    }

    @Test
    @Order(2)
    void failuresAreWarnings() {
        assertAnswer("{'message':'success','warnings':["
                + "{'message':'view/table already tracked: `tt_one`','type':'table','name':'table tt_one in source default',"
                + "'code':'track-table-failed'},"
                + "{'message':'Inconsistent object: no such table/view exists in source: `nope`','type':'table',"
                + "'name':'table nope in source default','code':'track-table-failed'}]}",
                metadata("{'type':'pg_track_tables','args':{'tables':[{'table':'tt_one'},{'table':'tt_three'},"
                        + "{'table':'nope'}]}}"));
        assertEquals(json("{'data':{'tt_three':[]}}"), MetadataApi.graphql("{ tt_three { id } }"));
    }

    @Test
    @Order(3)
    void warningsCanBeRefused() {
        assertError("{'path':'$.args','error':'failed due to metadata warnings','code':'metadata-warnings','internal':["
                + "{'message':'view/table already tracked: `tt_one`','type':'table','name':'table tt_one in source default',"
                + "'code':'track-table-failed'}]}", metadata("{'type':'pg_track_tables','args':{'allow_warnings':false,"
                + "'tables':[{'table':'tt_four'},{'table':'tt_one'}]}}"));
        assertFalse(metadata("{'type':'export_metadata','args':{}}").text().contains("tt_four"), "nothing was saved");
        assertError("{'path':'$.args','error':'all tables failed to track','code':'invalid-configuration','internal':["
                + "{'message':'source with name `other` does not exist','type':'table','name':'table tt_four in source default',"
                + "'code':'track-table-failed'}]}", metadata("{'type':'pg_track_tables','args':{'tables':["
                + "{'table':'tt_four','source':'other'}]}}"));
        assertError("{'path':'$.args.tables','error':'The following tables occur more than once in the request: "
                + "default.tt_four','code':'bad-request'}", metadata("{'type':'pg_track_tables','args':{'tables':["
                + "{'table':'tt_four'},{'table':{'schema':'public','name':'tt_four'}}]}}"));
        assertError("{'path':'$.args','error':'the key ^tables^ was not present','code':'parse-failed'}",
                metadata("{'type':'pg_track_tables','args':{}}"));
    }

    @Test
    @Order(4)
    void untracksEveryTableOfTheList() {
        assertAnswer("{'message':'success','warnings':[{'message':'view/table already untracked: `tt_four`','type':'table',"
                + "'name':'table tt_four in source default','code':'untrack-table-failed'}]}",
                metadata("{'type':'pg_untrack_tables','args':{'tables':[{'table':'tt_one'},{'table':'tt_two'},"
                        + "{'table':'tt_four'}]}}"));
        String doc = metadata("{'type':'export_metadata','args':{}}").text();
        assertFalse(doc.contains("tt_one") || doc.contains("tt_two"), doc);
        assertError("{'path':'$.args','error':'all tables failed to untrack','code':'invalid-configuration','internal':["
                + "{'message':'view/table already untracked: `tt_one`','type':'table','name':'table tt_one in source default',"
                + "'code':'untrack-table-failed'}]}", metadata("{'type':'pg_untrack_tables','args':{'tables':[{'table':'tt_one'}]}}"));
    }
}
