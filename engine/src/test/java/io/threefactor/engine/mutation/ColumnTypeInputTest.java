package io.threefactor.engine.mutation;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.MetadataApi;
import io.threefactor.engine.support.QueryApiProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.MetadataApi.assertAnswer;
import static io.threefactor.engine.support.MetadataApi.assertError;
import static io.threefactor.engine.support.MetadataApi.metadata;
import static io.threefactor.engine.support.MetadataApi.v1Query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values of column types whose bare name means something narrower in a cast keep their whole value. Uses ct_value. */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ColumnTypeInputTest {

    @Test
    @Order(1)
    void keepsEveryCharacterOfFixedLengthColumns() {
        assertAnswer("{'result_type':'CommandOk','result':null}", v1Query("{'type':'run_sql','args':{'sql':"
                + "'CREATE TABLE ct_value (id int PRIMARY KEY, code char(4), flags bit(3), codes char(2)[])'}}"));
        assertAnswer("{'message':'success'}", metadata("{'type':'pg_track_table','args':{'table':'ct_value'}}"));
        assertEquals(json("{'data':{'insert_ct_value_one':{'code':'baaz','flags':'101','codes':['ab','cd']}}}"),
                MetadataApi.graphql("mutation { insert_ct_value_one(object: {id: 1, code: \"baaz\", flags: \"101\","
                        + " codes: [\"ab\", \"cd\"]}) { code flags codes } }"));
    }

    @Test
    @Order(2)
    void refusesAV1UpdateThatSetsNothing() {
        assertError("{'path':'$','error':'atleast one of $set, $inc, $mul has to be present','code':'unexpected-payload'}",
                v1Query("{'type':'update','args':{'table':'ct_value','where':{'id':{'_eq':1}}}}"));
    }
}
