package io.threefactor.engine.metadata;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
import static io.threefactor.engine.support.MetadataApi.assertAnswer;
import static io.threefactor.engine.support.MetadataApi.assertError;
import static io.threefactor.engine.support.MetadataApi.v1Query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hasura's old row API on {@code /v1/query} (and {@code /v2/query}): {@code select}, {@code count}, {@code insert},
 * {@code update}, {@code delete}, as admin and as a role whose permissions apply as in GraphQL. Articles 1–3 are
 * this class's; article 4 belongs to the function tests (which also use up article ids).
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RowApiTest {

    /** As role {@code user} with user id 1 (admin secret plus role headers, as Hasura allows). */
    private static Answer asUser(String singleQuoted) {
        return MetadataApi.post("/v1/query", json(singleQuoted), Map.of("x-hasura-admin-secret",
                MetadataApiDatabase.ADMIN_SECRET, "x-hasura-role", "user", "x-hasura-user-id", "1"));
    }



    @Test
    @Order(1)
    void selectColumnsWhereOrderLimitOffset() {
        assertAnswer("[{'id':2,'name':'Alan'},{'id':1,'name':'Ada'}]", v1Query("{'type':'select','args':{'table':'author',"
                + "'columns':['id','name'],'where':{'id':{'_lte':2}},'order_by':['-id']}}"));
        assertAnswer("[{'id':2,'name':'Alan','email':null}]", v1Query("{'type':'select','args':{'table':{'schema':'public',"
                + "'name':'author'},'columns':['*'],'where':{'_and':[{'email':{'_is_null':true}},{'name':{'_like':'A%'}}]}}}"));
        assertAnswer("[{'title':'Engines'},{'title':'Machines'}]", v1Query("{'type':'select','args':{'table':'article',"
                + "'columns':['title'],'order_by':'+id','limit':2,'offset':1,'where':{'id':{'_in':[1,2,3]}}}}"));
        // nulls placed as asked; a string is ascending
        assertAnswer("[{'id':2},{'id':3},{'id':1}]", v1Query("{'type':'select','args':{'table':'article','columns':['id'],"
                + "'where':{'id':{'_lt':4}},'order_by':[{'column':'rating','type':'asc','nulls':'first'}]}}"));
        assertAnswer("[{'id':3},{'id':1},{'id':2}]", v1Query("{'type':'select','args':{'table':'article','columns':['id'],"
                + "'where':{'id':{'_lt':4}},'order_by':['-author.name','id']}}"));
    }

    @Test
    @Order(2)
    void selectThroughRelationships() {
        assertAnswer("[{'title':'Engines','author':{'name':'Ada'}}]", v1Query("{'type':'select','args':{'table':'article',"
                + "'columns':['title',{'name':'author','columns':['name']}],'where':{'author':{'name':{'_eq':'Ada'}}},"
                + "'order_by':[{'column':'views','type':'desc'}],'limit':1}}"));
        assertAnswer("[{'name':'Ada','posts':[{'title':'Engines'}]}]", v1Query("{'type':'select','args':{'table':'author',"
                + "'columns':['name',{'name':'articles','alias':'posts','columns':['title'],'where':{'views':{'_gt':10}},"
                + "'order_by':'-title'}],'where':{'id':{'_eq':1}}}}"));
        assertAnswer("[{'id':3,'author_id':2,'title':'Machines','views':30,'rating':4,'author':{'id':2,'name':'Alan','email':null}}]",
                v1Query("{'type':'select','args':{'table':'article','columns':['*.*'],'where':{'id':{'_eq':3}}}}"));
    }

    @Test
    @Order(3)
    void count() {
        assertAnswer("{'count':4}", v1Query("{'type':'count','args':{'table':'article'}}"));
        assertAnswer("{'count':3}", v1Query("{'type':'count','args':{'table':'article','distinct':['author_id']}}"));
        assertAnswer("{'count':2}", v1Query("{'type':'count','args':{'table':'article','where':{'views':{'_gte':30}}}}"));
        assertAnswer("{'count':2}", MetadataApi.post("/v2/query", json("{'type':'count','args':{'table':'article',"
                + "'where':{'author_id':{'_eq':1}}}}")));
    }

    @Test
    @Order(3)
    void whereReadsTheOlderSpellingsAsPermissionsDo() {
        // $-operators, a bare value for _eq, $and/$or/$not: Hasura's v1 row API takes a permission's syntax
        assertAnswer("[{'id':1},{'id':2}]", v1Query("{'type':'select','args':{'table':'article','columns':['id'],"
                + "'where':{'$or':[{'id':1},{'id':{'$eq':2}}]},'order_by':'+id'}}"));
        assertAnswer("[{'id':3}]", v1Query("{'type':'select','args':{'table':'article','columns':['id'],"
                + "'where':{'$and':[{'id':{'$lt':4}},{'views':{'$gte':30}},{'$not':{'author':{'name':'Ada'}}}]}}}"));
        assertAnswer("{'count':2}", v1Query("{'type':'count','args':{'table':'article','where':{'author_id':1}}}"));
    }

    @Test
    @Order(3)
    void anUnauthenticatedCallerIsRefusedBeforeItsBodyIsRead() {
        Answer a = MetadataApi.post("/v1/query", "\"not an object\"", Map.of());
        assertEquals(401, a.status(), a.text());
    }

    @Test
    @Order(3)
    void onlyVersionsOneAndTwoAreKnown() {
        assertError("{'path':'$.version','error':'expected 1 or 2, encountered 3','code':'parse-failed'}",
                v1Query("{'type':'count','version':3,'args':{'table':'article'}}"));
    }

    @Test
    @Order(4)
    void insertUpsertUpdateDelete() {
        assertAnswer("{'affected_rows':1,'returning':[{'title':'Proofs','views':1}]}", v1Query("{'type':'insert',"
                + "'args':{'table':'article','objects':[{'author_id':3,'title':'Proofs','views':1}],"
                + "'returning':['title','views']}}"));
        assertAnswer("{'affected_rows':1,'returning':[{'views':7}]}", v1Query("{'type':'insert','args':{'table':'article',"
                + "'objects':[{'author_id':3,'title':'Proofs','views':7}],'returning':['views'],"
                + "'on_conflict':{'constraint':'article_title_key','action':'update'}}}"));
        assertAnswer("{'affected_rows':0}", v1Query("{'type':'insert','args':{'table':'article','objects':[{'author_id':3,"
                + "'title':'Proofs','views':9}],'on_conflict':{'constraint_on':['title'],'action':'ignore'}}}"));
        assertAnswer("[{'affected_rows':1},{'affected_rows':1,'returning':[{'views':10,'rating':6}]}]", v1Query("{'type':'bulk','args':["
                + "{'type':'update','args':{'table':'article','where':{'title':{'_eq':'Proofs'}},'$set':{'rating':2}}},"
                + "{'type':'update','args':{'table':'article','where':{'title':{'_eq':'Proofs'}},'$inc':{'views':3},"
                + "'$mul':{'rating':3},'returning':['views','rating']}}]}"));
        assertAnswer("{'affected_rows':1,'returning':[{'views':0,'rating':null}]}", v1Query("{'type':'update','args':{"
                + "'table':'article','where':{'title':{'_eq':'Proofs'}},'$default':['views','rating'],"
                + "'returning':['views','rating']}}"));
        assertAnswer("{'affected_rows':1,'returning':[{'title':'Proofs'}]}", v1Query("{'type':'delete','args':{'table':'article',"
                + "'where':{'title':{'_eq':'Proofs'}},'returning':['title']}}"));
        assertAnswer("{'affected_rows':0}", v1Query("{'type':'delete','args':{'table':'article','where':{'title':{'_eq':'Proofs'}}}}"));
        assertAnswer("{'affected_rows':0,'returning':[]}", v1Query("{'type':'insert','args':{'table':'article','objects':[],"
                + "'returning':['id']}}"));
        assertError("{'path':'$.args.objects','error':'expected an array of objects','code':'validation-failed'}",
                v1Query("{'type':'insert','args':{'table':'article','objects':['Proofs']}}"));
    }

    @Test
    @Order(5)
    void aRolesPermissionsApply() {
        assertAnswer("[{'title':'Notes'},{'title':'Engines'}]", asUser("{'type':'select','args':{'table':'article',"
                + "'columns':['title'],'order_by':'id'}}"));
        assertAnswer("{'count':2}", asUser("{'type':'count','args':{'table':'article'}}"));
        assertError("{'path':'$.args.columns[0]','error':'role `user` does not have permission to select column `rating`',"
                + "'code':'permission-denied'}", asUser("{'type':'select','args':{'table':'article','columns':['rating']}}"));
        assertError("{'path':'$.args.table','error':'table `big_widget` does not exist','code':'not-exists'}",
                asUser("{'type':'select','args':{'table':'big_widget','columns':['id']}}"));
        // the insert preset fills author_id; the check (views < 100) is verified in the same statement
        assertAnswer("{'affected_rows':1,'returning':[{'title':'Mine','author_id':1}]}", asUser("{'type':'insert','args':{"
                + "'table':'article','objects':[{'title':'Mine','views':5}],'returning':['title','author_id']}}"));
        assertError("{'path':'$','error':'check constraint of an insert/update permission has failed','code':'permission-error'}",
                asUser("{'type':'insert','args':{'table':'article','objects':[{'title':'Loud','views':500}]}}"));
        assertAnswer("{'count':0}", v1Query("{'type':'count','args':{'table':'article','where':{'title':{'_eq':'Loud'}}}}"));
        assertAnswer("{'affected_rows':0}", asUser("{'type':'update','args':{'table':'article','where':{'id':{'_eq':3}},"
                + "'$set':{'title':'Taken'}}}"));
        assertAnswer("{'affected_rows':1}", asUser("{'type':'delete','args':{'table':'article','where':{'title':{'_eq':'Mine'}}}}"));
        assertError("{'path':'$.args','error':'delete on `author` for role `user` is not allowed. ','code':'permission-denied'}",
                asUser("{'type':'delete','args':{'table':'author','where':{}}}"));
        assertError("{'path':'$','error':'restricted access : admin only','code':'access-denied'}",
                asUser("{'type':'track_table','args':{'table':'audit'}}"));
        assertError("{'path':'$.args[1]','error':'restricted access : admin only','code':'access-denied'}",
                asUser("{'type':'bulk','args':[{'type':'count','args':{'table':'article'}},"
                        + "{'type':'export_metadata','args':{}}]}"));
    }

    @Test
    @Order(6)
    void errorsInHasurasShape() {
        assertError("{'path':'$.args','error':'the key ^columns^ was not present','code':'parse-failed'}",
                v1Query("{'type':'select','args':{'table':'author'}}"));
        assertError("{'path':'$.args','error':'the key ^table^ was not present','code':'parse-failed'}",
                v1Query("{'type':'count','args':{}}"));
        assertError("{'path':'$.args.table','error':'table `nope` does not exist','code':'not-exists'}",
                v1Query("{'type':'select','args':{'table':'nope','columns':['id']}}"));
        assertError("{'path':'$.args.where.shoe_size','error':'field ^shoe_size^ not found in type: ^author_bool_exp^',"
                + "'code':'validation-failed'}", v1Query("{'type':'select','args':{'table':'author','columns':['id'],"
                + "'where':{'shoe_size':{'_eq':1}}}}"));
        assertError("{'path':'$.args.columns[1]','error':'no such column exists: `shoe_size`','code':'validation-failed'}",
                v1Query("{'type':'select','args':{'table':'author','columns':['id','shoe_size']}}"));
        assertError("{'path':'$.args.order_by[0]','error':'string format for ^order_by^ entry : {+/-}column Eg : +posted',"
                + "'code':'validation-failed'}", v1Query("{'type':'select','args':{'table':'author','columns':['id'],"
                + "'order_by':[7]}}"));
        assertError("{'path':'$.args.limit','error':'expected a non-negative integer for ^limit^','code':'validation-failed'}",
                v1Query("{'type':'select','args':{'table':'author','columns':['id'],'limit':1.5}}"));
        assertError("{'path':'$.args','error':'the key ^where^ was not present','code':'parse-failed'}",
                v1Query("{'type':'update','args':{'table':'article','$set':{'title':'x'}}}"));
        Answer duplicate = v1Query("{'type':'insert','args':{'table':'article','objects':[{'author_id':1,'title':'Notes'}]}}");
        assertEquals(400, duplicate.status(), duplicate.text());
        assertEquals("constraint-violation", duplicate.body().path("code").asText(), duplicate.text());
        assertEquals("$", duplicate.body().path("path").asText());
        assertError("{'path':'$.args[0].args.where.nope','error':'field ^nope^ not found in type: ^article_bool_exp^',"
                + "'code':'validation-failed'}", v1Query("{'type':'bulk','args':[{'type':'delete','args':{"
                + "'table':'article','where':{'nope':{'_eq':1}}}}]}"));
    }

    @Test
    @Order(7)
    void bulkMixesRowAndMetadataCalls() {
        Answer a = v1Query("{'type':'bulk','args':["
                + "{'type':'run_sql','args':{'sql':'CREATE TABLE row_bulk (id integer PRIMARY KEY, v text)'}},"
                + "{'type':'track_table','args':{'schema':'public','name':'row_bulk'}},"
                + "{'type':'insert','args':{'table':'row_bulk','objects':[{'id':1,'v':'a'},{'id':2,'v':'b'}]}},"
                + "{'type':'select','args':{'table':'row_bulk','columns':['v'],'order_by':'-id'}}]}");
        assertAnswer("[{'result_type':'CommandOk','result':null},{'message':'success'},{'affected_rows':2},"
                + "[{'v':'b'},{'v':'a'}]]", a);
        assertEquals(json("{'data':{'row_bulk_aggregate':{'aggregate':{'count':2}}}}"),
                MetadataApi.graphql("{ row_bulk_aggregate { aggregate { count } } }"));
    }
    @Test
    @Order(8)
    void columnsAreNamedAsInPostgresEvenWhenCustomised() {
        assertEquals(200, v1Query("{'type':'bulk','args':[{'type':'run_sql','args':{'sql':"
                + "'CREATE TABLE row_custom (id integer PRIMARY KEY, full_name text UNIQUE)'}},"
                + "{'type':'track_table','version':2,'args':{'table':'row_custom','configuration':{'column_config':{"
                + "'full_name':{'custom_name':'name'}}}}}]}").status());
        assertAnswer("{'affected_rows':2}", v1Query("{'type':'insert','args':{'table':'row_custom','objects':["
                + "{'id':1,'full_name':'Ada'},{'id':2,'full_name':'Alan'}]}}"));
        assertAnswer("{'affected_rows':1,'returning':[{'id':2,'full_name':'Alan L'}]}", v1Query("{'type':'insert',"
                + "'args':{'table':'row_custom','objects':[{'id':2,'full_name':'Alan L'}],'returning':['id','full_name'],"
                + "'on_conflict':{'constraint_on':'id','action':'update'}}}"));
        assertAnswer("{'affected_rows':1}", v1Query("{'type':'update','args':{'table':'row_custom',"
                + "'where':{'full_name':{'_eq':'Ada'}},'$set':{'full_name':'Ada L'}}}"));
        assertAnswer("[{'full_name':'Alan L'},{'full_name':'Ada L'}]", v1Query("{'type':'select','args':{"
                + "'table':'row_custom','columns':['full_name'],'where':{'full_name':{'_like':'A%'}},'order_by':'-full_name'}}"));
        assertEquals(json("{'data':{'row_custom':[{'name':'Ada L'}]}}"),
                MetadataApi.graphql("{ row_custom(where:{id:{_eq:1}}) { name } }"));
    }
}
