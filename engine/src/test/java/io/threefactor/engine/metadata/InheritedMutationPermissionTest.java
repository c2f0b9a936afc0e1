package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.Graphql;
import io.threefactor.engine.support.MetadataApiDatabase;
import io.threefactor.engine.support.QueryApiProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.MetadataApi.assertSuccess;
import static io.threefactor.engine.support.MetadataApi.metadata;
import static io.threefactor.engine.support.MetadataApi.v1Query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Insert, update and delete permissions of inherited roles, as Hasura resolves them: taken from the parents when
 * they agree (parents without one do not count), missing and reported when they differ, until the inherited role
 * gets its own. Uses ih_* objects it creates.
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InheritedMutationPermissionTest {

    private static final String CONFLICT = "{'reason':'Could not inherit permission for the role ^ih_writer_editor^ "
            + "for the entity: ^update permission, table: ih_note, source: ^default^^','name':'ih_writer_editor',"
            + "'type':'inherited role permission inconsistency','entity':{'permission_type':'update','source':'default',"
            + "'table':'ih_note'}}";

    private static String as(String role, String query) {
        return Graphql.query(query, Map.of(), Map.of("x-hasura-admin-secret", MetadataApiDatabase.ADMIN_SECRET,
                "x-hasura-role", role, "x-hasura-user-id", "7"));
    }

    @Test
    @Order(1)
    void aPermissionOnlyOneParentHasIsInherited() {
        v1Query("{'type':'run_sql','args':{'sql':'CREATE TABLE ih_note (id int PRIMARY KEY, body text, owner text); "
                + "INSERT INTO ih_note VALUES (1, ^a^, ^7^), (2, ^b^, ^8^), (3, ^c^, ^7^)'}}");
        v1Query("{'type':'track_table','args':'ih_note'}");
        for (String role : new String[] {"ih_writer", "ih_editor", "ih_deleter"}) {
            // Hasura offers update and delete only to a role that may also select
            assertSuccess(metadata("{'type':'pg_create_select_permission','args':{'table':'ih_note','role':'" + role
                    + "','permission':{'columns':['id','body'],'filter':{}}}}"));
        }
        assertSuccess(metadata("{'type':'pg_create_update_permission','args':{'table':'ih_note','role':'ih_writer',"
                + "'permission':{'columns':['body'],'filter':{'owner':{'_eq':'X-Hasura-User-Id'}}}}}"));
        assertSuccess(metadata("{'type':'pg_create_update_permission','args':{'table':'ih_note','role':'ih_editor',"
                + "'permission':{'columns':['body'],'filter':{}}}}"));
        assertSuccess(metadata("{'type':'pg_create_delete_permission','args':{'table':'ih_note','role':'ih_deleter',"
                + "'permission':{'filter':{'id':{'_eq':3}}}}}"));
        assertSuccess(metadata("{'type':'add_inherited_role','args':{'role_name':'ih_writer_deleter',"
                + "'role_set':['ih_writer','ih_deleter']}}"));
        assertEquals(json("{'data':{'update_ih_note':{'affected_rows':2},'delete_ih_note':{'affected_rows':1}}}"),
                as("ih_writer_deleter", "mutation { update_ih_note(where: {}, _set: {body: \"z\"}) { affected_rows } "
                        + "delete_ih_note(where: {}) { affected_rows } }"));
    }

    @Test
    @Order(2)
    void parentsThatDifferLeaveTheRoleWithoutItAndAreReported() {
        // not refused: the inherited role just lacks the permission
        assertSuccess(metadata("{'type':'add_inherited_role','args':{'role_name':'ih_writer_editor',"
                + "'role_set':['ih_writer','ih_editor']}}"));
        JsonNode report = metadata("{'type':'get_inconsistent_metadata','args':{}}").body();
        assertTrue(report.path("inconsistent_objects").toString().contains(json(CONFLICT)), report.toString());
        String denied = as("ih_writer_editor", "mutation { update_ih_note(where: {}, _set: {body: \"y\"}) { affected_rows } }");
        assertTrue(denied.contains("validation-failed"), denied);
    }

    @Test
    @Order(3)
    void itsOwnPermissionResolvesTheConflict() {
        assertSuccess(metadata("{'type':'pg_create_update_permission','args':{'table':'ih_note','role':'ih_writer_editor',"
                + "'permission':{'columns':['body'],'filter':{'id':{'_eq':2}}}}}"));
        JsonNode report = metadata("{'type':'get_inconsistent_metadata','args':{}}").body();
        assertTrue(!report.path("inconsistent_objects").toString().contains("ih_writer_editor"), report.toString());
        assertEquals(json("{'data':{'update_ih_note':{'affected_rows':1}}}"), as("ih_writer_editor",
                "mutation { update_ih_note(where: {}, _set: {body: \"y\"}) { affected_rows } }"));
    }
}
