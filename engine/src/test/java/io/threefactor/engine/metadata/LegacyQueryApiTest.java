package io.threefactor.engine.metadata;

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
import static io.threefactor.engine.support.MetadataApi.v1Query;
import static io.threefactor.engine.support.MetadataApi.assertSuccess;
import static io.threefactor.engine.support.MetadataApi.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The old names of {@code /v1/query} (without {@code pg_}, {@code {"schema","name"}} table arguments), each with its
 * success and a Hasura-format error, and the {@code pg_} inherited role calls. Uses lg_* tables that it creates.
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyQueryApiTest {



    @Test
    @Order(1)
    void tables() {
        Answer created = v1Query("{'type':'run_sql','args':{'sql':'CREATE TABLE lg_parent (id int PRIMARY KEY, "
                + "name text); CREATE TABLE lg_child (id int PRIMARY KEY, parent_id int REFERENCES lg_parent (id), "
                + "owner text); INSERT INTO lg_parent VALUES (1, ^p^); INSERT INTO lg_child VALUES (1, 1, ^7^), "
                + "(2, 1, ^8^); CREATE FUNCTION lg_mine(hasura_session json) RETURNS SETOF lg_child LANGUAGE sql STABLE "
                + "AS $$ SELECT * FROM lg_child WHERE owner = hasura_session ->> ^x-hasura-user-id^ $$; "
                + "CREATE FUNCTION lg_label(parent_row lg_parent) RETURNS text LANGUAGE sql STABLE "
                + "AS $$ SELECT parent_row.name || ^!^ $$'}}");
        assertEquals("CommandOk", created.body().path("result_type").asText(), created.text());
        assertSuccess(v1Query("{'type':'track_table','args':{'schema':'public','name':'lg_parent'}}"));
        assertSuccess(v1Query("{'type':'track_table','args':{'schema':'public','name':'lg_child'}}"));
        assertError("{'path':'$.args','error':'view/table already tracked: `lg_child`','code':'already-tracked'}",
                v1Query("{'type':'track_table','args':{'schema':'public','name':'lg_child'}}"));
        assertSuccess(v1Query("{'type':'untrack_table','args':{'table':{'schema':'public','name':'lg_child'}}}"));
        assertError("{'path':'$.args','error':'view/table already untracked: `lg_child`','code':'already-untracked'}",
                v1Query("{'type':'untrack_table','args':{'table':{'schema':'public','name':'lg_child'}}}"));
        assertSuccess(v1Query("{'type':'track_table','args':{'schema':'public','name':'lg_child'}}"));
    }

    @Test
    @Order(2)
    void relationships() {
        assertSuccess(v1Query("{'type':'create_object_relationship','args':{'table':'lg_child','name':'parent',"
                + "'using':{'foreign_key_constraint_on':'parent_id'}}}"));
        assertError("{'path':'$.args','error':'field with name `parent` already exists in table `lg_child`','code':'already-exists'}",
                v1Query("{'type':'create_object_relationship','args':{'table':'lg_child','name':'parent',"
                        + "'using':{'foreign_key_constraint_on':'parent_id'}}}"));
        assertSuccess(v1Query("{'type':'create_array_relationship','args':{'table':'lg_parent','name':'children',"
                + "'using':{'manual_configuration':{'remote_table':'lg_child','column_mapping':{'id':'parent_id'}}}}}"));
        assertError("{'path':'$.args','error':'table `lg_nope` does not exist in source: default','code':'not-exists'}",
                v1Query("{'type':'create_array_relationship','args':{'table':'lg_nope','name':'x',"
                        + "'using':{'foreign_key_constraint_on':{'table':'lg_child','column':'parent_id'}}}}"));
        assertEquals(json("{'data':{'lg_parent':[{'children':[{'parent':{'name':'p'}},{'parent':{'name':'p'}}]}]}}"),
                MetadataApi.graphql("{ lg_parent { children(order_by:{id:asc}) { parent { name } } } }"));
        assertSuccess(v1Query("{'type':'drop_relationship','args':{'table':'lg_parent','relationship':'children'}}"));
        assertError("{'path':'$.args','error':'relationship `children` does not exist in table `lg_parent`','code':'not-exists'}",
                v1Query("{'type':'drop_relationship','args':{'table':'lg_parent','relationship':'children'}}"));
    }

    @Test
    @Order(3)
    void permissions() {
        for (String kind : new String[]{"select", "insert", "update", "delete"}) {
            String permission = switch (kind) {
                case "select" -> "{'columns':['id','owner'],'filter':{'owner':{'_eq':'X-Hasura-User-Id'}}}";
                case "insert" -> "{'columns':['id'],'check':{},'set':{'owner':'X-Hasura-User-Id'}}";
                case "update" -> "{'columns':['parent_id'],'filter':{}}";
                default -> "{'filter':{'owner':{'_eq':'X-Hasura-User-Id'}}}";
            };
            assertSuccess(v1Query("{'type':'create_" + kind + "_permission','args':{'table':'lg_child','role':'user','permission':"
                    + permission + "}}"));
            assertError("{'path':'$.args','error':'" + kind + " permission already defined on table `lg_child` with role "
                    + "`user`','code':'already-exists'}", v1Query("{'type':'create_" + kind + "_permission','args':{"
                    + "'table':'lg_child','role':'user','permission':" + permission + "}}"));
        }
        assertEquals(json("{'data':{'lg_child':[{'id':1,'owner':'7'}]}}"), Graphql.query("{ lg_child { id owner } }",
                Map.of(), Map.of("x-hasura-admin-secret", MetadataApiDatabase.ADMIN_SECRET, "x-hasura-role", "user",
                        "x-hasura-user-id", "7")));
        assertSuccess(v1Query("{'type':'drop_update_permission','args':{'table':'lg_child','role':'user'}}"));
        assertError("{'path':'$.args','error':'^update^ permission on `lg_child` for role `user` does not exist',"
                + "'code':'permission-denied'}", v1Query("{'type':'drop_update_permission','args':{'table':'lg_child','role':'user'}}"));
    }

    @Test
    @Order(4)
    void eventTriggers() {
        assertSuccess(v1Query("{'type':'create_event_trigger','args':{'name':'lg_child_created','table':{'schema':'public','name':'lg_child'},"
                + "'webhook':'http://127.0.0.1:9/never','insert':{'columns':'*'}}}"));
        assertError("{'path':'$.args','error':'event trigger with name `lg_child_created` already exists','code':'already-exists'}",
                v1Query("{'type':'create_event_trigger','args':{'name':'lg_child_created','table':'lg_child',"
                        + "'webhook':'http://127.0.0.1:9/never','insert':{'columns':'*'}}}"));
        assertSuccess(v1Query("{'type':'delete_event_trigger','args':{'name':'lg_child_created'}}"));
        assertError("{'path':'$.args','error':'event trigger `lg_child_created` does not exist','code':'not-exists'}",
                v1Query("{'type':'delete_event_trigger','args':{'name':'lg_child_created'}}"));
    }

    @Test
    @Order(5)
    void functionsAndComputedFields() {
        assertSuccess(v1Query("{'type':'track_function','version':2,'args':{'function':{'schema':'public','name':'lg_mine'},"
                + "'configuration':{'session_argument':'hasura_session'}}}"));
        assertError("{'path':'$.args','error':'function already tracked: `lg_mine`','code':'already-tracked'}",
                v1Query("{'type':'track_function','args':{'schema':'public','name':'lg_mine'}}"));
        assertEquals(json("{'data':{'lg_mine':[{'id':2}]}}"), Graphql.query("{ lg_mine { id } }", Map.of(),
                Map.of("x-hasura-admin-secret", MetadataApiDatabase.ADMIN_SECRET, "x-hasura-user-id", "8")));
        assertSuccess(v1Query("{'type':'add_computed_field','args':{'table':{'schema':'public','name':'lg_parent'},'name':'label',"
                + "'definition':{'function':{'schema':'public','name':'lg_label'}}}}"));
        assertError("{'path':'$.args','error':'field with name `label` already exists in table `lg_parent`','code':'already-exists'}",
                v1Query("{'type':'add_computed_field','args':{'table':'lg_parent','name':'label',"
                        + "'definition':{'function':'lg_label'}}}"));
        assertEquals(json("{'data':{'lg_parent':[{'label':'p!'}]}}"), MetadataApi.graphql("{ lg_parent { label } }"));
    }

    @Test
    @Order(6)
    void inheritedRolesAndExport() {
        assertSuccess(metadata("{'type':'pg_add_inherited_role','args':{'role_name':'lg_both','role_set':['user','other']}}"));
        assertError("{'path':'$.args','error':'inherited role `lg_both` already exists','code':'already-exists'}",
                metadata("{'type':'pg_add_inherited_role','args':{'role_name':'lg_both','role_set':['user']}}"));
        assertSuccess(metadata("{'type':'pg_drop_inherited_role','args':{'role_name':'lg_both'}}"));
        Answer exported = v1Query("{'type':'export_metadata','args':{}}");
        assertEquals(200, exported.status());
        assertTrue(exported.text().contains("\"lg_mine\"") && exported.text().contains("\"lg_child\""), exported.text());
        assertError("{'path':'$','error':'unknown metadata call `export_metadata_nope`','code':'parse-failed'}",
                v1Query("{'type':'export_metadata_nope','args':{}}"));
    }
}
