package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hasura's old row API on {@code /v1/query} (and {@code /v2/query}): {@code select}, {@code count}, {@code insert},
 * {@code update}, {@code delete}, as admin and as a role whose permissions apply as in GraphQL. Articles 1–3 are
 * this class's; article 4 belongs to the function tests.
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RowApiTest {

    private static Answer query(String singleQuoted) {
        return MetadataApi.post("/v1/query", json(singleQuoted));
    }

    /** As role {@code user} with user id 1 (admin secret plus role headers, as Hasura allows). */
    private static Answer asUser(String singleQuoted) {
        return MetadataApi.post("/v1/query", json(singleQuoted), Map.of("x-hasura-admin-secret",
                MetadataApiDatabase.ADMIN_SECRET, "x-hasura-role", "user", "x-hasura-user-id", "1"));
    }

    private static void answers(String expected, Answer a) {
        assertEquals(200, a.status(), a.text());
        assertEquals(json(expected), a.text());
    }

    private static void error(String expected, Answer a) {
        assertEquals(400, a.status(), a.text());
        ObjectNode body = a.body().deepCopy();
        body.remove("internal");
        assertEquals(json(expected), Graphql.canonical(body.toString()));
    }

    @Test
    @Order(1)
    void selectColumnsWhereOrderLimitOffset() {
        answers("[{'id':2,'name':'Alan'},{'id':1,'name':'Ada'}]", query("{'type':'select','args':{'table':'author',"
                + "'columns':['id','name'],'where':{'id':{'_lte':2}},'order_by':['-id']}}"));
        answers("[{'id':2,'name':'Alan','email':null}]", query("{'type':'select','args':{'table':{'schema':'public',"
                + "'name':'author'},'columns':['*'],'where':{'_and':[{'email':{'_is_null':true}},{'name':{'_like':'A%'}}]}}}"));
        answers("[{'title':'Engines'},{'title':'Machines'}]", query("{'type':'select','args':{'table':'article',"
                + "'columns':['title'],'order_by':'+id','limit':2,'offset':1,'where':{'id':{'_in':[1,2,3]}}}}"));
        // nulls placed as asked; a string is ascending
        answers("[{'id':2},{'id':3},{'id':1}]", query("{'type':'select','args':{'table':'article','columns':['id'],"
                + "'where':{'id':{'_lt':4}},'order_by':[{'column':'rating','type':'asc','nulls':'first'}]}}"));
        answers("[{'id':3},{'id':1},{'id':2}]", query("{'type':'select','args':{'table':'article','columns':['id'],"
                + "'where':{'id':{'_lt':4}},'order_by':['-author.name','id']}}"));
    }

    @Test
    @Order(2)
    void selectThroughRelationships() {
        answers("[{'title':'Engines','author':{'name':'Ada'}}]", query("{'type':'select','args':{'table':'article',"
                + "'columns':['title',{'name':'author','columns':['name']}],'where':{'author':{'name':{'_eq':'Ada'}}},"
                + "'order_by':[{'column':'views','type':'desc'}],'limit':1}}"));
        answers("[{'name':'Ada','posts':[{'title':'Engines'}]}]", query("{'type':'select','args':{'table':'author',"
                + "'columns':['name',{'name':'articles','alias':'posts','columns':['title'],'where':{'views':{'_gt':10}},"
                + "'order_by':'-title'}],'where':{'id':{'_eq':1}}}}"));
        answers("[{'id':3,'author_id':2,'title':'Machines','views':30,'rating':4,'author':{'id':2,'name':'Alan','email':null}}]",
                query("{'type':'select','args':{'table':'article','columns':['*.*'],'where':{'id':{'_eq':3}}}}"));
    }

    @Test
    @Order(3)
    void count() {
        answers("{'count':4}", query("{'type':'count','args':{'table':'article'}}"));
        answers("{'count':3}", query("{'type':'count','args':{'table':'article','distinct':['author_id']}}"));
        answers("{'count':2}", query("{'type':'count','args':{'table':'article','where':{'views':{'_gte':30}}}}"));
        answers("{'count':2}", MetadataApi.post("/v2/query", json("{'type':'count','args':{'table':'article',"
                + "'where':{'author_id':{'_eq':1}}}}")));
    }

    @Test
    @Order(4)
    void insertUpsertUpdateDelete() {
        answers("{'affected_rows':1,'returning':[{'id':5,'title':'Proofs','views':1}]}", query("{'type':'insert',"
                + "'args':{'table':'article','objects':[{'author_id':3,'title':'Proofs','views':1}],"
                + "'returning':['id','title','views']}}"));
        answers("{'affected_rows':1,'returning':[{'views':7}]}", query("{'type':'insert','args':{'table':'article',"
                + "'objects':[{'author_id':3,'title':'Proofs','views':7}],'returning':['views'],"
                + "'on_conflict':{'constraint':'article_title_key','action':'update'}}}"));
        answers("{'affected_rows':0}", query("{'type':'insert','args':{'table':'article','objects':[{'author_id':3,"
                + "'title':'Proofs','views':9}],'on_conflict':{'constraint_on':['title'],'action':'ignore'}}}"));
        answers("[{'affected_rows':1},{'affected_rows':1,'returning':[{'views':10,'rating':6}]}]", query("{'type':'bulk','args':["
                + "{'type':'update','args':{'table':'article','where':{'title':{'_eq':'Proofs'}},'$set':{'rating':2}}},"
                + "{'type':'update','args':{'table':'article','where':{'title':{'_eq':'Proofs'}},'$inc':{'views':3},"
                + "'$mul':{'rating':3},'returning':['views','rating']}}]}"));
        answers("{'affected_rows':1,'returning':[{'views':0,'rating':null}]}", query("{'type':'update','args':{"
                + "'table':'article','where':{'title':{'_eq':'Proofs'}},'$default':['views','rating'],"
                + "'returning':['views','rating']}}"));
        answers("{'affected_rows':1,'returning':[{'title':'Proofs'}]}", query("{'type':'delete','args':{'table':'article',"
                + "'where':{'title':{'_eq':'Proofs'}},'returning':['title']}}"));
        answers("{'affected_rows':0}", query("{'type':'delete','args':{'table':'article','where':{'title':{'_eq':'Proofs'}}}}"));
    }

    @Test
    @Order(5)
    void aRolesPermissionsApply() {
        answers("[{'title':'Notes'},{'title':'Engines'}]", asUser("{'type':'select','args':{'table':'article',"
                + "'columns':['title'],'order_by':'id'}}"));
        answers("{'count':2}", asUser("{'type':'count','args':{'table':'article'}}"));
        error("{'path':'$.args.columns[0]','error':'role `user` does not have permission to select column `rating`',"
                + "'code':'permission-denied'}", asUser("{'type':'select','args':{'table':'article','columns':['rating']}}"));
        error("{'path':'$.args.table','error':'table `audit` does not exist','code':'not-exists'}",
                asUser("{'type':'select','args':{'table':'audit','columns':['id']}}"));
        // the insert preset fills author_id; the check (views < 100) is verified in the same statement
        answers("{'affected_rows':1,'returning':[{'title':'Mine','author_id':1}]}", asUser("{'type':'insert','args':{"
                + "'table':'article','objects':[{'title':'Mine','views':5}],'returning':['title','author_id']}}"));
        error("{'path':'$','error':'check constraint of an insert/update permission has failed','code':'permission-error'}",
                asUser("{'type':'insert','args':{'table':'article','objects':[{'title':'Loud','views':500}]}}"));
        answers("{'count':0}", query("{'type':'count','args':{'table':'article','where':{'title':{'_eq':'Loud'}}}}"));
        answers("{'affected_rows':0}", asUser("{'type':'update','args':{'table':'article','where':{'id':{'_eq':3}},"
                + "'$set':{'title':'Taken'}}}"));
        answers("{'affected_rows':1}", asUser("{'type':'delete','args':{'table':'article','where':{'title':{'_eq':'Mine'}}}}"));
        error("{'path':'$.args','error':'delete on `author` for role `user` is not allowed. ','code':'permission-denied'}",
                asUser("{'type':'delete','args':{'table':'author','where':{}}}"));
        error("{'path':'$','error':'restricted access : admin only','code':'access-denied'}",
                asUser("{'type':'track_table','args':{'table':'audit'}}"));
        error("{'path':'$.args[1]','error':'restricted access : admin only','code':'access-denied'}",
                asUser("{'type':'bulk','args':[{'type':'count','args':{'table':'article'}},"
                        + "{'type':'export_metadata','args':{}}]}"));
    }

    @Test
    @Order(6)
    void errorsInHasurasShape() {
        error("{'path':'$.args','error':'the key ^columns^ was not present','code':'parse-failed'}",
                query("{'type':'select','args':{'table':'author'}}"));
        error("{'path':'$.args','error':'the key ^table^ was not present','code':'parse-failed'}",
                query("{'type':'count','args':{}}"));
        error("{'path':'$.args.table','error':'table `nope` does not exist','code':'not-exists'}",
                query("{'type':'select','args':{'table':'nope','columns':['id']}}"));
        error("{'path':'$.args.where.shoe_size','error':'field ^shoe_size^ not found in type: ^author_bool_exp^',"
                + "'code':'validation-failed'}", query("{'type':'select','args':{'table':'author','columns':['id'],"
                + "'where':{'shoe_size':{'_eq':1}}}}"));
        error("{'path':'$.args.columns[1]','error':'no such column exists: `shoe_size`','code':'validation-failed'}",
                query("{'type':'select','args':{'table':'author','columns':['id','shoe_size']}}"));
        error("{'path':'$.args.order_by[0]','error':'string format for ^order_by^ entry : {+/-}column Eg : +posted',"
                + "'code':'validation-failed'}", query("{'type':'select','args':{'table':'author','columns':['id'],"
                + "'order_by':[7]}}"));
        error("{'path':'$.args','error':'the key ^where^ was not present','code':'parse-failed'}",
                query("{'type':'update','args':{'table':'article','$set':{'title':'x'}}}"));
        Answer duplicate = query("{'type':'insert','args':{'table':'article','objects':[{'author_id':1,'title':'Notes'}]}}");
        assertEquals(400, duplicate.status(), duplicate.text());
        assertEquals("constraint-violation", duplicate.body().path("code").asText(), duplicate.text());
        assertEquals("$", duplicate.body().path("path").asText());
        error("{'path':'$.args[0].args.where.nope','error':'field ^nope^ not found in type: ^article_bool_exp^',"
                + "'code':'validation-failed'}", query("{'type':'bulk','args':[{'type':'delete','args':{"
                + "'table':'article','where':{'nope':{'_eq':1}}}}]}"));
    }

    @Test
    @Order(7)
    void bulkMixesRowAndMetadataCalls() {
        Answer a = query("{'type':'bulk','args':["
                + "{'type':'run_sql','args':{'sql':'CREATE TABLE row_bulk (id integer PRIMARY KEY, v text)'}},"
                + "{'type':'track_table','args':{'schema':'public','name':'row_bulk'}},"
                + "{'type':'insert','args':{'table':'row_bulk','objects':[{'id':1,'v':'a'},{'id':2,'v':'b'}]}},"
                + "{'type':'select','args':{'table':'row_bulk','columns':['v'],'order_by':'-id'}}]}");
        answers("[{'result_type':'CommandOk','result':null},{'message':'success'},{'affected_rows':2},"
                + "[{'v':'b'},{'v':'a'}]]", a);
        assertEquals(json("{'data':{'row_bulk_aggregate':{'aggregate':{'count':2}}}}"),
                MetadataApi.graphql("{ row_bulk_aggregate { aggregate { count } } }"));
    }
}
