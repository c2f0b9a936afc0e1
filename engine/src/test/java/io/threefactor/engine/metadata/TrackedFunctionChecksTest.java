package io.threefactor.engine.metadata;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.MetadataApi.Answer;
import io.threefactor.engine.support.QueryApiProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.MetadataApi.assertError;
import static io.threefactor.engine.support.MetadataApi.assertSuccess;
import static io.threefactor.engine.support.MetadataApi.v1Query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What Hasura checks of a tracked function: its session argument is one of its arguments and of type json, and
 * run_sql may neither overload it nor make it VOLATILE (the SQL is rolled back). Uses tf_* objects it creates.
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackedFunctionChecksTest {

    @Test
    @Order(1)
    void theSessionArgumentMustBeAJsonArgument() {
        v1Query("{'type':'run_sql','args':{'sql':'CREATE TABLE tf_row (v text); CREATE FUNCTION "
                + "tf_session(hasura_session json, key text) RETURNS SETOF tf_row LANGUAGE sql STABLE AS "
                + "$$ SELECT hasura_session ->> key $$'}}");
        v1Query("{'type':'track_table','args':'tf_row'}");
        String reason = "Inconsistent object: in function `tf_session`: the function `tf_session` cannot be tracked "
                + "because given session argument `random` not the input argument of the function";
        assertError("{'path':'$.args','error':'" + reason + "','code':'invalid-configuration','internal':[{'definition':"
                + "{'name':'tf_session','schema':'public'},'name':'function tf_session in source default','reason':'"
                + reason + "','type':'function'}]}", v1Query("{'type':'track_function','version':2,'args':{'function':"
                + "'tf_session','configuration':{'session_argument':'random'}}}"));
        Answer notJson = v1Query("{'type':'track_function','version':2,'args':{'function':'tf_session',"
                + "'configuration':{'session_argument':'key'}}}");
        assertEquals(400, notJson.status(), notJson.text());
        assertEquals("Inconsistent object: in function \"tf_session\": the function \"tf_session\" cannot be tracked "
                + "because given session argument \"key\" is not of type json", notJson.body().path("error").asText());
        assertSuccess(v1Query("{'type':'track_function','version':2,'args':{'function':'tf_session',"
                + "'configuration':{'session_argument':'hasura_session'}}}"));
    }

    @Test
    @Order(2)
    void runSqlMayNotOverloadATrackedFunction() {
        assertError("{'path':'$.args','error':'the following tracked function(s) cannot be overloaded: tf_session',"
                + "'code':'not-supported'}", v1Query("{'type':'run_sql','args':{'sql':'CREATE FUNCTION "
                + "tf_session(hasura_session json) RETURNS SETOF tf_row LANGUAGE sql STABLE AS $$ SELECT ^x^ $$'}}"));
        assertEquals(json("{'result_type':'TuplesOk','result':[['count'],['1']]}"), v1Query("{'type':'run_sql',"
                + "'args':{'sql':'SELECT count(*) FROM pg_proc WHERE proname = ^tf_session^'}}").text());
    }

    @Test
    @Order(3)
    void runSqlMayNotMakeATrackedFunctionVolatile() {
        assertError("{'path':'$.args','error':'type of function `tf_session` is altered to `VOLATILE` which is not "
                + "supported now','code':'not-supported'}", v1Query("{'type':'run_sql','args':{'sql':'CREATE OR "
                + "REPLACE FUNCTION tf_session(hasura_session json, key text) RETURNS SETOF tf_row LANGUAGE sql "
                + "VOLATILE AS $$ SELECT hasura_session ->> key $$'}}"));
    }
}
