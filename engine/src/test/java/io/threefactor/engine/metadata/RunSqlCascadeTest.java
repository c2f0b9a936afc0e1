package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.Graphql;
import io.threefactor.engine.support.MetadataApi;
import io.threefactor.engine.support.MetadataApi.Answer;
import io.threefactor.engine.support.QueryApiProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.MetadataApi.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run_sql} keeps metadata consistent as Hasura does: what the SQL drops from under tracked objects is a
 * {@code dependency-error} that rolls the SQL back, unless {@code cascade} drops those objects too; tracked tables and
 * functions it drops are untracked. Uses gizmo, widget, sprocket and big_widget of the query-api fixture.
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunSqlCascadeTest {

    private static final String COMMAND_OK = json("{'result_type':'CommandOk','result':null}");

    private static Answer sql(String sql, String options) {
        return MetadataApi.post("/v2/query", json("{'type':'run_sql','args':{'sql':'" + sql + "'" + options + "}}"));
    }

    private static void dependencyError(String objects, Answer a) {
        assertEquals(400, a.status(), a.text());
        assertEquals(json("{'path':'$','error':'cannot drop due to the following dependent objects: " + objects
                + "','code':'dependency-error'}"), a.text());
    }

    private static JsonNode table(String name) {
        for (JsonNode t : metadata("{'type':'export_metadata','args':{}}").body().at("/sources/0/tables")) {
            if (t.at("/table/name").asText().equals(name)) {
                return t;
            }
        }
        return null;
    }

    @Test
    @Order(1)
    void setUp() {
        Answer a = metadata("{'type':'bulk','args':[{'type':'pg_track_table','args':{'table':'gizmo'}},"
                + "{'type':'pg_track_table','args':{'table':'widget'}},{'type':'pg_track_table','args':{'table':'sprocket'}},"
                + "{'type':'pg_create_object_relationship','args':{'table':'widget','name':'gizmo',"
                + "'using':{'foreign_key_constraint_on':'gizmo_id'}}},"
                + "{'type':'pg_create_array_relationship','args':{'table':'gizmo','name':'widgets',"
                + "'using':{'foreign_key_constraint_on':{'table':'widget','column':'gizmo_id'}}}},"
                + "{'type':'pg_create_select_permission','args':{'table':'widget','role':'user','permission':{"
                + "'columns':['id','size'],'filter':{'size':{'_gt':0}}}}}]}");
        assertEquals(200, a.status(), a.text());
    }

    @Test
    @Order(2)
    void droppingAColumnAPermissionUsesIsRefusedAndRolledBack() {
        dependencyError("permission widget.user.select in source `default`",
                sql("ALTER TABLE widget DROP COLUMN size", ""));
        assertEquals(json("{'result_type':'TuplesOk','result':[['n'],['1']]}"), sql("SELECT count(*) AS n FROM "
                + "information_schema.columns WHERE table_name = ^widget^ AND column_name = ^size^", "").text());
        assertTrue(table("widget").has("select_permissions"));
    }

    @Test
    @Order(3)
    void cascadeDropsTheDependentPermission() {
        assertEquals(COMMAND_OK, sql("ALTER TABLE widget DROP COLUMN size", ",'cascade':true").text());
        assertFalse(table("widget").has("select_permissions"), table("widget").toString());
        assertEquals(json("{'is_consistent':true,'inconsistent_objects':[]}"),
                metadata("{'type':'get_inconsistent_metadata','args':{}}").text());
    }

    @Test
    @Order(4)
    void droppingATrackedTableUntracksItButNotWhatOthersHangOnIt() {
        // widget.gizmo rests on the foreign key that DROP … CASCADE removes; gizmo.widgets goes with gizmo
        dependencyError("relationship widget.gizmo in source `default`", sql("DROP TABLE gizmo CASCADE", ""));
        assertEquals(COMMAND_OK, sql("DROP TABLE gizmo CASCADE", ",'cascade':true").text());
        assertEquals(null, table("gizmo"));
        assertFalse(table("widget").has("object_relationships"));
        assertEquals(json("{'data':{'widget':[]}}"), MetadataApi.graphql("{ widget { id } }"));
        // nothing depends on sprocket: dropping it simply untracks it
        assertEquals(COMMAND_OK, sql("DROP TABLE sprocket", "").text());
        assertEquals(null, table("sprocket"));
    }

    @Test
    @Order(5)
    void droppingATrackedFunctionUntracksIt() {
        assertEquals(COMMAND_OK, sql("CREATE FUNCTION widgets_of(n integer) RETURNS SETOF widget LANGUAGE sql "
                + "STABLE AS $$ SELECT * FROM widget WHERE id > n $$", "").text());
        assertEquals(200, metadata("{'type':'pg_track_function','args':{'function':'widgets_of'}}").status());
        assertEquals(json("{'data':{'widgets_of':[]}}"), MetadataApi.graphql("{ widgets_of(args:{n:0}) { id } }"));
        assertEquals(COMMAND_OK, sql("DROP FUNCTION widgets_of(integer)", "").text());
        assertFalse(metadata("{'type':'export_metadata','args':{}}").text().contains("widgets_of"));
    }

    @Test
    @Order(6)
    void theCheckCanBeSkipped() {
        assertEquals(200, metadata("{'type':'pg_create_select_permission','args':{'table':'widget','role':'user',"
                + "'permission':{'columns':['id','gizmo_id'],'filter':{}}}}").status());
        // without the check the SQL commits and the metadata is left inconsistent, to be reported
        assertEquals(COMMAND_OK, sql("ALTER TABLE widget DROP COLUMN gizmo_id", ",'check_metadata_consistency':false").text());
        Answer report = metadata("{'type':'get_inconsistent_metadata','args':{}}");
        assertFalse(report.body().path("is_consistent").asBoolean(), report.text());
        assertEquals(200, metadata("{'type':'drop_inconsistent_metadata','args':{}}").status());
        // a read-only transaction never changes the schema: no check, and DDL fails in Postgres
        Answer readOnly = sql("DROP VIEW big_widget", ",'read_only':true");
        assertEquals("postgres-error", readOnly.body().path("code").asText(), readOnly.text());
        assertEquals(json("{'data':{'widget':[]}}"), Graphql.canonical(MetadataApi.graphql("{ widget { id } }")));
    }
    @Test
    @Order(7)
    void aRenamedTableIsFollowed() {
        assertEquals(COMMAND_OK, sql("CREATE TABLE shelf (id integer PRIMARY KEY); INSERT INTO shelf VALUES (1); "
                + "ALTER TABLE widget ADD COLUMN shelf_id integer REFERENCES shelf (id); INSERT INTO widget (shelf_id) VALUES (1)",
                "").text());
        assertEquals(200, metadata("{'type':'bulk','args':[{'type':'pg_track_table','args':{'table':'shelf'}},"
                + "{'type':'pg_create_array_relationship','args':{'table':'shelf','name':'widgets',"
                + "'using':{'foreign_key_constraint_on':{'table':'widget','column':'shelf_id'}}}},"
                + "{'type':'pg_create_select_permission','args':{'table':'widget','role':'user','permission':{"
                + "'columns':['id','shelf_id'],'filter':{'shelf_id':{'_eq':1}}}}}]}").status());
        assertEquals(COMMAND_OK, sql("ALTER TABLE widget RENAME TO part", "").text());
        assertTrue(table("part").has("select_permissions"), String.valueOf(table("part")));
        assertEquals(null, table("widget"));
        assertEquals(json("{'data':{'shelf':[{'widgets':[{'shelf_id':1}]}]}}"),
                MetadataApi.graphql("{ shelf { widgets { shelf_id } } }"));
        assertEquals(json("{'is_consistent':true,'inconsistent_objects':[]}"),
                metadata("{'type':'get_inconsistent_metadata','args':{}}").text());
    }
}
