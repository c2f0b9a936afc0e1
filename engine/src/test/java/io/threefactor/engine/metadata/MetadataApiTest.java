package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.Graphql;
import io.threefactor.engine.support.MetadataApi;
import io.threefactor.engine.support.MetadataApi.Answer;
import io.threefactor.engine.support.MetadataApiProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.MetadataApi.assertError;
import static io.threefactor.engine.support.MetadataApi.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.threefactor.engine.runtime.MetadataStore;
import io.threefactor.engine.runtime.Snapshots;

/**
 * Each metadata call of {@code /v1/metadata}, {@code /v1/query} and {@code /v2/query}, with Hasura's success and
 * error shapes, against the metadata-api fixture. The methods build on each other, in order.
 */
@QuarkusTest
@TestProfile(MetadataApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetadataApiTest {

    private static final String SUCCESS = json("{'message':'success'}");

    @Inject
    Snapshots snapshots;

    @Inject
    MetadataStore metadataStore;

    private static void ok(Answer a) {
        assertEquals(200, a.status(), a.text());
        assertEquals(SUCCESS, a.text());
    }

    private static void error(Answer a, int status, String expected) {
        assertEquals(status, a.status(), a.text());
        JsonNode body = a.body().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("internal");
        assertEquals(json(expected), Graphql.canonical(body.toString()));
    }

    @Test
    @Order(1)
    void adminOnly() {
        error(MetadataApi.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}", "wrong", null), 401,
                "{'path':'$','error':'invalid x-hasura-admin-secret/x-hasura-access-key','code':'access-denied'}");
        error(MetadataApi.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}",
                        io.threefactor.engine.support.MetadataApiDatabase.ADMIN_SECRET, "user"), 400,
                "{'path':'$','error':'restricted access : admin only','code':'access-denied'}");
        error(metadata("{'type':'no_such_call','args':{}}"), 400,
                "{'path':'$','error':'unknown metadata call `no_such_call`','code':'parse-failed'}");
        error(metadata("{'args':{}}"), 400,
                "{'path':'$','error':'the key ^type^ was not present','code':'parse-failed'}");
    }

    @Test
    @Order(2)
    void trackAndUntrackTables() {
        ok(metadata("{'type':'pg_track_table','args':{'source':'default','table':{'schema':'public','name':'article'}}}"));
        assertTrue(MetadataApi.graphql("{ article(order_by:{id:asc}) { title } }").contains("Notes"));
        error(metadata("{'type':'pg_track_table','args':{'table':'article'}}"), 400,
                "{'path':'$.args','error':'view/table already tracked: `article`','code':'already-tracked'}");
        error(metadata("{'type':'pg_track_table','args':{'table':'nope'}}"), 400,
                "{'path':'$.args','error':'Inconsistent object: no such table/view exists in source: `nope`',"
                        + "'code':'invalid-configuration'}");
        error(metadata("{'type':'pg_track_table','args':{'source':'other','table':'tag'}}"), 400,
                "{'path':'$.args','error':'source with name `other` does not exist','code':'not-exists'}");
        ok(metadata("{'type':'pg_track_table','args':{'table':'tag'}}"));
        ok(metadata("{'type':'pg_untrack_table','args':{'table':'tag'}}"));
        error(metadata("{'type':'pg_untrack_table','args':{'table':'tag'}}"), 400,
                "{'path':'$.args','error':'view/table already untracked: `tag`','code':'already-untracked'}");
        ok(metadata("{'type':'pg_track_table','args':{'table':'tag'}}"));
    }

    @Test
    @Order(3)
    void relationships() {
        ok(metadata("{'type':'pg_create_object_relationship','args':{'table':'article','name':'author',"
                + "'using':{'foreign_key_constraint_on':'author_id'}}}"));
        ok(metadata("{'type':'pg_create_array_relationship','args':{'table':'author','name':'articles',"
                + "'using':{'foreign_key_constraint_on':{'table':'article','column':'author_id'}}}}"));
        ok(metadata("{'type':'pg_create_array_relationship','args':{'table':'article','name':'tags',"
                + "'using':{'manual_configuration':{'remote_table':'tag','column_mapping':{'id':'article_id'}}}}}"));
        assertEquals(json("{'data':{'author':[{'name':'Ada','articles':[{'title':'Notes','author':{'name':'Ada'}}]}]}}"),
                MetadataApi.graphql("{ author(where:{id:{_eq:1}}) { name articles { title author { name } } } }"));
        error(metadata("{'type':'pg_create_object_relationship','args':{'table':'article','name':'author',"
                        + "'using':{'foreign_key_constraint_on':'author_id'}}}"), 400,
                "{'path':'$.args','error':'field with name `author` already exists in table `article`',"
                        + "'code':'already-exists'}");
        error(metadata("{'type':'pg_create_array_relationship','args':{'table':'author','name':'tagged',"
                        + "'using':{'foreign_key_constraint_on':{'table':'tag','column':'article_id'}}}}"), 400,
                "{'path':'$.args','error':'Inconsistent object: in table `author`: in relationship `tagged`: "
                        + "no foreign constraint exists on the given column(s)','code':'invalid-configuration'}");
        error(metadata("{'type':'pg_create_object_relationship','args':{'table':'nope','name':'x',"
                        + "'using':{'foreign_key_constraint_on':'y'}}}"), 400,
                "{'path':'$.args','error':'table `nope` does not exist in source: default','code':'not-exists'}");
        ok(metadata("{'type':'pg_rename_relationship','args':{'table':'article','name':'tags','new_name':'labels'}}"));
        assertTrue(MetadataApi.graphql("{ article { labels { label } } }").startsWith("{\"data\""));
        ok(metadata("{'type':'pg_drop_relationship','args':{'table':'article','relationship':'labels'}}"));
        error(metadata("{'type':'pg_drop_relationship','args':{'table':'article','relationship':'labels'}}"), 400,
                "{'path':'$.args','error':'relationship `labels` does not exist in table `article`','code':'not-exists'}");
        error(metadata("{'type':'pg_untrack_table','args':{'table':'author'}}"), 400,
                "{'path':'$.args','error':'cannot drop due to the following dependent objects: relationship "
                        + "article.author in source `default`','code':'dependency-error'}");
    }

    @Test
    @Order(4)
    void tableCustomization() {
        ok(metadata("{'type':'pg_set_table_customization','args':{'table':'article','configuration':{"
                + "'custom_root_fields':{'select':'posts'},'column_config':{'title':{'custom_name':'headline'}}}}}"));
        assertEquals(json("{'data':{'posts':[{'headline':'Notes'}]}}"),
                MetadataApi.graphql("{ posts(where:{id:{_eq:1}}) { headline } }"));
        error(metadata("{'type':'pg_set_table_customization','args':{'table':'article','configuration':{"
                        + "'column_config':{'nope':{'custom_name':'x'}}}}}"), 400,
                "{'path':'$.args','error':'the following columns are not found in table `article`: nope',"
                        + "'code':'not-exists'}");
        ok(metadata("{'type':'pg_set_table_customization','args':{'table':'article','configuration':{}}}"));
        assertTrue(MetadataApi.graphql("{ article(limit:1) { title } }").contains("title"));
    }

    @Test
    @Order(5)
    void permissions() {
        ok(metadata("{'type':'pg_create_select_permission','args':{'table':'article','role':'reader','permission':{"
                + "'columns':['id','title'],'filter':{'author_id':{'_eq':'X-Hasura-User-Id'}}}}}"));
        ok(metadata("{'type':'pg_create_insert_permission','args':{'table':'article','role':'reader','permission':{"
                + "'columns':['title'],'check':{},'set':{'author_id':'X-Hasura-User-Id'}}}}"));
        ok(metadata("{'type':'pg_create_update_permission','args':{'table':'article','role':'reader','permission':{"
                + "'columns':['title'],'filter':{},'check':null}}}"));
        ok(metadata("{'type':'pg_create_delete_permission','args':{'table':'article','role':'reader','permission':{"
                + "'filter':{'author_id':{'_eq':'X-Hasura-User-Id'}}}}}"));
        assertEquals(json("{'data':{'article':[{'title':'Machines'}]}}"), Graphql.query("{ article { title } }",
                java.util.Map.of(), java.util.Map.of("x-hasura-admin-secret",
                        io.threefactor.engine.support.MetadataApiDatabase.ADMIN_SECRET, "x-hasura-role", "reader",
                        "x-hasura-user-id", "2")));
        error(metadata("{'type':'pg_create_select_permission','args':{'table':'article','role':'reader',"
                        + "'permission':{'columns':'*','filter':{}}}}"), 400,
                "{'path':'$.args','error':'select permission already defined on table `article` with role `reader`',"
                        + "'code':'already-exists'}");
        error(metadata("{'type':'pg_create_select_permission','args':{'table':'author','role':'reader',"
                        + "'permission':{'columns':['id','shoe_size'],'filter':{}}}}"), 400,
                "{'path':'$.args','error':'Inconsistent object: in table `author`: in permission for role `reader`: "
                        + "no such column exists: `shoe_size`','code':'invalid-configuration'}");
        ok(metadata("{'type':'pg_drop_delete_permission','args':{'table':'article','role':'reader'}}"));
        error(metadata("{'type':'pg_drop_delete_permission','args':{'table':'article','role':'reader'}}"), 400,
                "{'path':'$.args','error':'^delete^ permission on `article` for role `reader` does not exist',"
                        + "'code':'permission-denied'}");
        ok(metadata("{'type':'pg_drop_insert_permission','args':{'table':'article','role':'reader'}}"));
        ok(metadata("{'type':'pg_drop_update_permission','args':{'table':'article','role':'reader'}}"));
        ok(metadata("{'type':'pg_drop_select_permission','args':{'table':'article','role':'reader'}}"));
    }

    @Test
    @Order(6)
    void functionsComputedFieldsInheritedRoles() {
        ok(metadata("{'type':'pg_track_function','args':{'function':{'schema':'public','name':'search_articles'}}}"));
        error(metadata("{'type':'pg_track_function','args':{'function':'search_articles'}}"), 400,
                "{'path':'$.args','error':'function already tracked: `search_articles`','code':'already-tracked'}");
        error(metadata("{'type':'pg_track_function','args':{'function':'no_such_fn'}}"), 400,
                "{'path':'$.args','error':'Inconsistent object: in function `no_such_fn`: no such function exists "
                        + "in postgres : `no_such_fn`','code':'invalid-configuration'}");
        ok(metadata("{'type':'pg_add_computed_field','args':{'table':'author','name':'display_name',"
                + "'definition':{'function':{'schema':'public','name':'author_display_name'}}}}"));
        error(metadata("{'type':'pg_add_computed_field','args':{'table':'author','name':'display_name',"
                        + "'definition':{'function':'author_display_name'}}}"), 400,
                "{'path':'$.args','error':'field with name `display_name` already exists in table `author`',"
                        + "'code':'already-exists'}");
        ok(metadata("{'type':'add_inherited_role','args':{'role_name':'editor','role_set':['reader','writer']}}"));
        error(metadata("{'type':'add_inherited_role','args':{'role_name':'editor','role_set':['reader']}}"), 400,
                "{'path':'$.args','error':'inherited role `editor` already exists','code':'already-exists'}");
        JsonNode doc = metadata("{'type':'export_metadata','args':{}}").body();
        assertEquals(json("[{'role_name':'editor','role_set':['reader','writer']}]"), doc.get("inherited_roles").toString());
        assertEquals("search_articles", doc.at("/sources/0/functions/0/function/name").asText());
        ok(metadata("{'type':'drop_inherited_role','args':{'role_name':'editor'}}"));
        ok(metadata("{'type':'pg_drop_computed_field','args':{'table':'author','name':'display_name'}}"));
        error(metadata("{'type':'pg_drop_computed_field','args':{'table':'author','name':'display_name'}}"), 400,
                "{'path':'$.args','error':'computed field `display_name` does not exist','code':'not-exists'}");
        ok(metadata("{'type':'pg_untrack_function','args':{'function':'search_articles'}}"));
    }

    @Test
    @Order(7)
    void bulkRunsInOrderAndFailsAsAWhole() {
        Answer a = metadata("{'type':'bulk','args':[{'type':'pg_create_select_permission','args':{'table':'tag',"
                + "'role':'reader','permission':{'columns':'*','filter':{}}}},{'type':'pg_get_event_logs_nope'}]}");
        error(a, 400, "{'path':'$.args[1]','error':'unknown metadata call `pg_get_event_logs_nope`','code':'parse-failed'}");
        a = metadata("{'type':'bulk','args':[{'type':'pg_create_select_permission','args':{'table':'tag',"
                + "'role':'reader','permission':{'columns':'*','filter':{}}}},"
                + "{'type':'pg_drop_select_permission','args':{'table':'tag','role':'writer'}}]}");
        error(a, 400, "{'path':'$.args[1].args','error':'^select^ permission on `tag` for role `writer` does not exist',"
                + "'code':'permission-denied'}");
        JsonNode doc = metadata("{'type':'export_metadata','args':{}}").body();
        assertFalse(doc.toString().contains("\"role\":\"reader\""), "the failed bulk saved nothing: " + doc);
        a = metadata("{'type':'bulk','args':[{'type':'pg_create_select_permission','args':{'table':'tag',"
                + "'role':'reader','permission':{'columns':'*','filter':{}}}},"
                + "{'type':'pg_drop_select_permission','args':{'table':'tag','role':'reader'}}]}");
        assertEquals(json("[{'message':'success'},{'message':'success'}]"), a.text());
    }

    @Test
    @Order(8)
    void runSqlAndLegacyQueryNames() {
        Answer a = MetadataApi.post("/v2/query", Graphql.json("{'type':'run_sql','args':{'sql':"
                + "'SELECT id, name, email, true AS flag, 1.50::numeric AS n FROM author ORDER BY id','read_only':true}}"));
        assertEquals(json("{'result_type':'TuplesOk','result':[['id','name','email','flag','n'],"
                + "['1','Ada','ada@example.com','t','1.50'],['2','Alan',null,'t','1.50']]}"), a.text());
        a = MetadataApi.post("/v2/query", Graphql.json("{'type':'run_sql','args':{'sql':"
                + "'CREATE TABLE gadget (id serial PRIMARY KEY, label text); INSERT INTO gadget (label) VALUES (^a^)'}}"));
        assertEquals(json("{'result_type':'CommandOk','result':null}"), a.text());
        a = MetadataApi.post("/v1/query", Graphql.json("{'type':'bulk','args':[{'type':'track_table','args':{"
                + "'schema':'public','name':'gadget'}},{'type':'run_sql','args':{'sql':'ALTER TABLE gadget ADD COLUMN size int'}},"
                + "{'type':'create_select_permission','args':{'table':'gadget','role':'reader','permission':{"
                + "'columns':['id','size'],'filter':{}}}}]}"));
        assertEquals(json("[{'message':'success'},{'result_type':'CommandOk','result':null},{'message':'success'}]"),
                a.text());
        assertEquals(json("{'data':{'gadget':[{'label':'a','size':null}]}}"),
                MetadataApi.graphql("{ gadget { label size } }"));
        a = MetadataApi.post("/v2/query", Graphql.json("{'type':'run_sql','args':{'sql':'SELECT * FROM nowhere'}}"));
        assertEquals(400, a.status());
        assertEquals("postgres-error", a.body().path("code").asText());
        assertEquals("query execution failed", a.body().path("error").asText());
        assertEquals("42P01", a.body().at("/internal/error/status_code").asText());
        a = MetadataApi.post("/v2/query", Graphql.json("{'type':'run_sql','args':{'sql':'DELETE FROM gadget','read_only':true}}"));
        assertEquals("25006", a.body().at("/internal/error/status_code").asText(), a.text());
        a = MetadataApi.post("/v1/query", Graphql.json("{'type':'select','args':{'table':'gadget','columns':['*']}}"));
        assertEquals(json("[{'id':1,'label':'a','size':null}]"), a.text());
        a = MetadataApi.post("/v2/query", Graphql.json("{'type':'track_table','args':{'table':'note'}}"));
        assertEquals("parse-failed", a.body().path("code").asText(), a.text());
        a = MetadataApi.post("/v1/metadata", Graphql.json("{'type':'run_sql','args':{'sql':'SELECT 1'}}"));
        assertEquals("parse-failed", a.body().path("code").asText(), a.text());
    }

    @Test
    @Order(9)
    void inconsistentMetadataIsReportedNotFatal() {
        ok(metadata("{'type':'pg_create_select_permission','args':{'table':'gadget','role':'writer','permission':{"
                + "'columns':['id','size'],'filter':{}}}}"));
        // behind the engine's back: run_sql without its metadata check (with it, this would be a dependency-error)
        MetadataApi.post("/v2/query", Graphql.json("{'type':'run_sql','args':{'sql':'ALTER TABLE gadget DROP COLUMN size',"
                + "'check_metadata_consistency':false}}"));
        Answer a = metadata("{'type':'get_inconsistent_metadata','args':{}}");
        assertEquals(200, a.status());
        assertFalse(a.body().path("is_consistent").asBoolean());
        assertEquals(2, a.body().path("inconsistent_objects").size(), a.text());
        JsonNode first = a.body().path("inconsistent_objects").get(0);
        assertEquals("select_permission", first.path("type").asText());
        assertEquals("select_permission reader in table gadget in source default", first.path("name").asText());
        assertEquals("Inconsistent object: in table \"gadget\": in permission for role \"reader\": no such column "
                + "exists: \"size\"", first.path("reason").asText());
        // the engine still serves, and other changes still work
        assertEquals(json("{'data':{'gadget':[{'label':'a'}]}}"), MetadataApi.graphql("{ gadget { label } }"));
        ok(metadata("{'type':'pg_track_table','args':{'table':'note'}}"));
        a = metadata("{'type':'reload_metadata','args':{}}");
        assertEquals(200, a.status());
        assertEquals("success", a.body().path("message").asText());
        assertFalse(a.body().path("is_consistent").asBoolean());
        assertEquals(2, a.body().path("inconsistent_objects").size());
        // Hasura's reload_metadata reads no source: one named in its arguments is ignored, even an unknown one
        assertEquals(200, metadata("{'type':'reload_metadata','args':{'source':'mssql','reload_sources':true}}").status());
        ok(metadata("{'type':'drop_inconsistent_metadata','args':{}}"));
        assertEquals(json("{'is_consistent':true,'inconsistent_objects':[]}"),
                metadata("{'type':'get_inconsistent_metadata','args':{}}").text());
    }

    @Test
    @Order(10)
    void exportReplaceClear() {
        JsonNode doc = metadata("{'type':'export_metadata','args':{}}").body();
        assertEquals(3, doc.path("version").asInt());
        Answer v2 = MetadataApi.post("/v1/metadata", "{\"type\":\"export_metadata\",\"version\":2,\"args\":{}}");
        assertTrue(v2.body().path("resource_version").asLong() > 1);
        assertEquals(doc, v2.body().path("metadata"));
        ok(metadata("{'type':'clear_metadata','args':{}}"));
        ok(MetadataApi.post("/v1/query", json("{'type':'clear_metadata','args':{}}")));
        JsonNode cleared = metadata("{'type':'export_metadata','args':{}}").body();
        assertEquals(0, cleared.at("/sources/0/tables").size(), cleared.toString());
        assertEquals("default", cleared.at("/sources/0/name").asText());
        Answer broken = MetadataApi.post("/v1/metadata", "{\"type\":\"replace_metadata\",\"args\":"
                + "{\"version\":3,\"sources\":[{\"name\":\"default\",\"kind\":\"postgres\",\"tables\":[{\"table\":"
                + "{\"schema\":\"public\",\"name\":\"ghost\"}}],\"configuration\":{}}]}}");
        assertEquals("invalid-configuration", broken.body().path("code").asText(), broken.text());
        Answer allowed = MetadataApi.post("/v1/metadata", "{\"type\":\"replace_metadata\",\"args\":{"
                + "\"allow_inconsistent_metadata\":true,\"metadata\":{\"version\":3,\"sources\":[{\"name\":\"default\","
                + "\"kind\":\"postgres\",\"tables\":[{\"table\":{\"schema\":\"public\",\"name\":\"ghost\"}}],"
                + "\"configuration\":{}}]}}}");
        assertFalse(allowed.body().path("is_consistent").asBoolean(), allowed.text());
        ok(MetadataApi.post("/v1/metadata", "{\"type\":\"replace_metadata\",\"args\":" + doc + "}"));
        assertEquals(doc, metadata("{'type':'export_metadata','args':{}}").body());
        assertTrue(MetadataApi.graphql("{ article(limit:1) { author { name } } }").contains("Ada"));
    }

    @Test
    @Order(10)
    void replaceTakesAVersionOneDocumentWithFunctionsByName() {
        JsonNode doc = metadata("{'type':'export_metadata','args':{}}").body();
        try {
            ok(metadata("{'type':'replace_metadata','args':{'tables':[{'table':'author'},{'table':'article'}],"
                    + "'functions':['search_articles']}}"));
            assertTrue(MetadataApi.graphql("{ search_articles(args: {search: \"x\"}) { id } }").contains("search_articles"));
            // Hasura's flag is allow_inconsistent_metadata: the inconsistent objects are reported, the rest served
            Answer allowed = metadata("{'type':'replace_metadata','version':2,'args':{'allow_inconsistent_metadata':true,"
                    + "'metadata':{'version':2,'tables':[{'table':'foobar'},{'table':'author'}],'functions':[]}}}");
            assertFalse(allowed.body().path("is_consistent").asBoolean(true), allowed.text());
            assertEquals("table foobar in source default", allowed.body().at("/inconsistent_objects/0/name").asText(), allowed.text());
        } finally {
            ok(MetadataApi.post("/v1/metadata", "{\"type\":\"replace_metadata\",\"args\":" + doc + "}"));
        }
    }

    @Test
    @Order(11)
    void otherInstancesChangesArriveByNotify() throws Exception {
        long before = snapshots.current().metadata().resourceVersion();
        var store = metadataStore;
        var stored = store.load().toCompletionStage().toCompletableFuture().get();
        var doc = stored.document().deepCopy();
        // another instance tracks "tag" by writing the document itself (the save NOTIFYs threefactor_metadata)
        var tables = (com.fasterxml.jackson.databind.node.ArrayNode) doc.at("/sources/0/tables");
        boolean tracked = tables.toString().contains("\"tag\"");
        if (!tracked) {
            tables.addObject().putObject("table").put("schema", "public").put("name", "tag");
        }
        long saved = store.save(doc, stored.resourceVersion()).toCompletionStage().toCompletableFuture().get();
        long deadline = System.currentTimeMillis() + 10_000;
        while (snapshots.current().metadata().resourceVersion() < saved && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(snapshots.current().metadata().resourceVersion() > before);
        assertEquals(saved, snapshots.current().metadata().resourceVersion());
        assertTrue(MetadataApi.graphql("{ tag { label } }").startsWith("{\"data\""));
    }
    @Test
    @Order(12)
    void concurrentWritersLoseNoChange() throws Exception {
        var store = metadataStore;
        Thread other = new Thread(() -> {
            // "another instance": read-modify-write of the stored document, retrying on a stale version
            for (int i = 0; i < 15; i++) {
                while (true) {
                    try {
                        var stored = store.load().toCompletionStage().toCompletableFuture().get();
                        var doc = stored.document().deepCopy();
                        var roles = doc.has("inherited_roles") ? (com.fasterxml.jackson.databind.node.ArrayNode) doc.get("inherited_roles")
                                : doc.putArray("inherited_roles");
                        roles.addObject().put("role_name", "other_" + i).putArray("role_set").add("reader");
                        store.save(doc, stored.resourceVersion()).toCompletionStage().toCompletableFuture().get();
                        break;
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof MetadataStore.MetadataConflictException)) {
                            throw new IllegalStateException(e);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        other.start();
        for (int i = 0; i < 15; i++) {
            ok(metadata("{'type':'pg_create_select_permission','args':{'table':'author','role':'r" + i
                    + "','permission':{'columns':['id'],'filter':{}}}}"));
        }
        other.join(60_000);
        JsonNode doc = metadata("{'type':'export_metadata','args':{}}").body();
        String text = doc.toString();
        for (int i = 0; i < 15; i++) {
            assertTrue(text.contains("\"role\":\"r" + i + "\""), "lost permission r" + i);
            assertTrue(text.contains("\"role_name\":\"other_" + i + "\""), "lost inherited role other_" + i);
        }
    }

    @Test
    @Order(13)
    void aRelationshipMayNotTakeAColumnsField() {
        String selfRelationship = "'table':'author','using':{'manual_configuration':{'remote_table':'author',"
                + "'column_mapping':{'id':'id'}}}";
        assertError("{'path':'$.args','error':'field with name \\\"email\\\" already exists in table \\\"author\\\"',"
                + "'code':'already-exists'}", metadata("{'type':'pg_create_array_relationship','args':{'name':'email',"
                + selfRelationship + "}}"));
        ok(metadata("{'type':'pg_set_table_customization','args':{'table':'author','configuration':{'column_config':"
                + "{'name':{'custom_name':'writer'}}}}}"));
        try {
            Answer refused = metadata("{'type':'pg_create_array_relationship','args':{'name':'writer'," + selfRelationship + "}}");
            assertEquals(400, refused.status(), refused.text());
            assertEquals("Inconsistent object: field definition conflicts with custom field name for postgres column \"name\"",
                    refused.body().path("error").asText(), refused.text());
            assertEquals("array_relation writer in table author in source default",
                    refused.body().at("/internal/0/name").asText(), refused.text());
        } finally {
            ok(metadata("{'type':'pg_set_table_customization','args':{'table':'author','configuration':{}}}"));
        }
    }
}
