package io.threefactor.engine.mutation;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.MutationProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hasura's insert, update and delete mutations, each root field one statement, all of them one transaction. */
@QuarkusTest
@TestProfile(MutationProfile.class)
class MutationTest {

    @Test
    void insertsOneRowAndReturnsItWithRelationships() {
        assertEquals(json("{'data':{'insert_article_one':{'title':'Sketch of the Engine','published':false,'author':{'name':'Ada Lovelace'}}}}"),
                query("mutation { insert_article_one(object: {author_id: 1, title: \"Sketch of the Engine\"}) { title published author { name } } }"));
    }

    @Test
    void insertsSeveralRowsWithDifferentColumnsUsingDefaults() {
        assertEquals(json("{'data':{'insert_author':{'affected_rows':2,'returning':[{'name':'Barbara Liskov','rating':null,'is_active':true},"
                        + "{'name':'Donald Knuth','rating':5,'is_active':false}]}}}"),
                query("mutation { insert_author(objects: [{name: \"Barbara Liskov\"}, {name: \"Donald Knuth\", rating: 5, is_active: false}])"
                        + " { affected_rows returning { name rating is_active } } }"));
    }

    @Test
    void insertsNestedArrayRelationshipsAfterTheParentAndReturnsThem() {
        assertEquals(json("{'data':{'insert_author_one':{'name':'John Backus','articles':[{'title':'Can Programming Be Liberated?',"
                        + "'comments':[{'body':'Yes.'}]},{'title':'FORTRAN','comments':[]}]}}}"),
                query("mutation { insert_author_one(object: {name: \"John Backus\", articles: {data: ["
                        + "{title: \"Can Programming Be Liberated?\", comments: {data: [{body: \"Yes.\"}]}}, {title: \"FORTRAN\"}]}})"
                        + " { name articles(order_by: {title: asc}) { title comments { body } } } }"));
    }

    @Test
    void insertsNestedObjectRelationshipsBeforeTheChildAndCountsEveryRow() {
        assertEquals(json("{'data':{'insert_article':{'affected_rows':2,'returning':[{'title':'Structured Programming','author':{'name':'Niklaus Wirth'}}]}}}"),
                query("mutation { insert_article(objects: [{title: \"Structured Programming\", author: {data: {name: \"Niklaus Wirth\"}}}])"
                        + " { affected_rows returning { title author { name } } } }"));
    }

    @Test
    void upsertsOnConflictAndDoesNothingWithoutUpdateColumns() {
        query("mutation { insert_author_one(object: {id: 50, name: \"Temp\", email: \"temp@example.com\"}) { id } }");
        assertEquals(json("{'data':{'insert_author_one':{'id':50,'name':'Renamed'}}}"),
                query("mutation { insert_author_one(object: {id: 50, name: \"Renamed\"}, on_conflict: {constraint: author_pkey, update_columns: [name]}) { id name } }"));
        assertEquals(json("{'data':{'insert_author':{'affected_rows':0}}}"),
                query("mutation { insert_author(objects: [{id: 50, name: \"Ignored\"}], on_conflict: {constraint: author_pkey, update_columns: []}) { affected_rows } }"));
        assertEquals(json("{'data':{'insert_author':{'affected_rows':0}}}"),
                query("mutation { insert_author(objects: [{id: 50, name: \"Filtered\"}], on_conflict: {constraint: author_pkey, update_columns: [name],"
                        + " where: {rating: {_eq: 99}}}) { affected_rows } }"));
    }

    @Test
    void updatesWithSetAndIncAndReturnsTheNewValues() {
        query("mutation { insert_article_one(object: {id: 60, author_id: 2, title: \"Draft\", views: 10}) { id } }");
        assertEquals(json("{'data':{'update_article':{'affected_rows':1,'returning':[{'title':'Final','views':15}]}}}"),
                query("mutation { update_article(where: {id: {_eq: 60}}, _set: {title: \"Final\"}, _inc: {views: 5}) { affected_rows returning { title views } } }"));
    }

    @Test
    void updatesJsonbWithEveryOperator() {
        query("mutation { insert_article_one(object: {id: 61, author_id: 2, title: \"J\", metadata: {a: 1, b: [1, 2, 3], c: {d: 1}}}) { id } }");
        assertEquals(json("{'data':{'update_article_by_pk':{'metadata':{'a':1,'b':[1,2,3],'c':{'d':1},'e':2}}}}"),
                query("mutation { update_article_by_pk(pk_columns: {id: 61}, _append: {metadata: {e: 2}}) { metadata } }"));
        assertEquals(json("{'data':{'update_article_by_pk':{'metadata':{'b':[1,2,3],'c':{'d':1},'e':2}}}}"),
                query("mutation { update_article_by_pk(pk_columns: {id: 61}, _delete_key: {metadata: \"a\"}) { metadata } }"));
        assertEquals(json("{'data':{'update_article_by_pk':{'metadata':{'b':[1,2,3],'c':{},'e':2}}}}"),
                query("mutation { update_article_by_pk(pk_columns: {id: 61}, _delete_at_path: {metadata: [\"c\", \"d\"]}) { metadata } }"));
        assertEquals(json("{'data':{'update_article_by_pk':{'metadata':{'b':[1,2,3],'c':{},'e':2,'z':0}}}}"),
                query("mutation { update_article_by_pk(pk_columns: {id: 61}, _prepend: {metadata: {z: 0}}) { metadata } }"));
    }

    @Test
    void runsManyUpdatesInOrder() {
        query("mutation { insert_article_one(object: {id: 62, author_id: 2, title: \"M\", views: 0}) { id } }");
        assertEquals(json("{'data':{'update_article_many':[{'affected_rows':1,'returning':[{'views':1}]},{'affected_rows':1,'returning':[{'views':11}]}]}}"),
                query("mutation { update_article_many(updates: [{where: {id: {_eq: 62}}, _inc: {views: 1}}, {where: {id: {_eq: 62}}, _inc: {views: 10}}])"
                        + " { affected_rows returning { views } } }"));
    }

    @Test
    void deletesByPrimaryKeyAndByFilter() {
        query("mutation { insert_comment(objects: [{id: 70, article_id: 1, body: \"a\", likes: -1}, {id: 71, article_id: 1, body: \"b\", likes: -1}]) { affected_rows } }");
        assertEquals(json("{'data':{'delete_comment_by_pk':{'body':'a'}}}"), query("mutation { delete_comment_by_pk(id: 70) { body } }"));
        assertEquals(json("{'data':{'delete_comment':{'affected_rows':1}}}"), query("mutation { delete_comment(where: {likes: {_lt: 0}}) { affected_rows } }"));
        assertEquals(json("{'data':{'delete_comment_by_pk':null}}"), query("mutation { delete_comment_by_pk(id: 70) { body } }"));
    }

    @Test
    void rollsBackEveryRootFieldWhenOneFails() {
        String answer = query("mutation { a: insert_author_one(object: {id: 80, name: \"Rolled Back\"}) { id }"
                + " b: insert_article_one(object: {author_id: 999, title: \"Orphan\"}) { id } }");
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet.insert_article_one.args.object','code':'constraint-violation'},"
                + "'message':'Foreign key violation. insert or update on table "
                + "`article` violates foreign key constraint `article_author_id_fkey`'}]}"), answer);
        assertEquals(json("{'data':{'author_by_pk':null}}"), query("{ author_by_pk(id: 80) { id } }"));
    }

    @Test
    void reportsConstraintViolationsInHasurasWords() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet.insert_author_one.args.object','code':'constraint-violation'},"
                + "'message':'Uniqueness violation. "
                        + "duplicate key value violates unique constraint `author_email_key`'}]}"),
                query("mutation { insert_author_one(object: {name: \"Copy\", email: \"ada@example.com\"}) { id } }"));
        assertThat(query("mutation { insert_comment_one(object: {article_id: 1}) { id } }"), containsString("Not-NULL violation."));
    }

    @Test
    void reportsAnInsertsDatabaseErrorsAtItsObjectsArgumentAndOthersAtTheRoot() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet.insert_comment.args.objects','code':'constraint-violation'},"
                        + "'message':'Not-NULL violation. null value in column `body` of relation `comment` violates not-null constraint'}]}"),
                query("mutation { added: insert_comment(objects: [{article_id: 1}]) { affected_rows } }"));
        assertEquals(json("{'errors':[{'extensions':{'path':'$','code':'constraint-violation'},"
                        + "'message':'Not-NULL violation. null value in column `body` of relation `comment` violates not-null constraint'}]}"),
                query("mutation { update_comment(where: {id: {_eq: 1}}, _set: {body: null}) { affected_rows } }"));
    }

    @Test
    void updatesNothingAndAnswersEmptyWhenNoColumnIsSet() {
        assertEquals(json("{'data':{'update_author':{'affected_rows':0,'returning':[]}}}"),
                query("mutation ($set: author_set_input!) { update_author(where: {id: {_eq: 1}}, _set: $set) { affected_rows returning { id } } }",
                        Map.of("set", Map.of())));
        assertEquals(json("{'data':{'update_author':{'affected_rows':0}}}"),
                query("mutation { update_author(where: {id: {_eq: 1}}) { affected_rows } }"));
        assertEquals(json("{'data':{'update_author_by_pk':null}}"),
                query("mutation { update_author_by_pk(pk_columns: {id: 1}, _set: {}) { id } }"));
    }

    @Test
    void insertsNothingThroughARelationshipGivenAsNull() {
        assertEquals(json("{'data':{'insert_article':{'affected_rows':1,'returning':[{'title':'Alone','author':{'name':'Ada Lovelace'}}]}}}"),
                query("mutation { insert_article(objects: [{author_id: 1, title: \"Alone\", author: null, comments: null}])"
                        + " { affected_rows returning { title author { name } } } }"));
    }

    @Test
    void storesAGraphqlStringInAJsonbColumnAsAJsonString() {
        assertEquals(json("{'data':{'insert_article_one':{'metadata':'[]'}}}"),
                query("mutation { insert_article_one(object: {author_id: 1, title: \"String\", metadata: \"[]\"}) { metadata } }"));
        assertEquals(json("{'data':{'insert_article_one':{'metadata':'{}'}}}"),
                query("mutation ($m: jsonb) { insert_article_one(object: {author_id: 1, title: \"Variable\", metadata: $m}) { metadata } }",
                        Map.of("m", "{}")));
        assertEquals(json("{'data':{'insert_article_one':{'metadata':{'a':[1]}}}}"),
                query("mutation ($m: jsonb) { insert_article_one(object: {author_id: 1, title: \"Object\", metadata: $m}) { metadata } }",
                        Map.of("m", Map.of("a", List.of(1)))));
    }

    @Test
    void offersNoInputForGeneratedColumnsButReturnsThem() {
        assertEquals(json("{'data':{'insert_comment_one':{'body_length':5}}}"),
                query("mutation { insert_comment_one(object: {article_id: 1, body: \"Hello\"}) { body_length } }"));
        assertThat(query("mutation { insert_comment_one(object: {article_id: 1, body: \"x\", body_length: 9}) { id } }"),
                containsString("validation-failed"));
    }

    @Test
    void bindsVariablesOfMutations() {
        assertEquals(json("{'data':{'insert_author_one':{'name':'Frances Allen','tags':['compilers']}}}"),
                query("mutation ($o: author_insert_input!) { insert_author_one(object: $o) { name tags } }",
                        Map.of("o", Map.of("name", "Frances Allen", "tags", List.of("compilers")))));
    }

    @Test
    void setsTheSessionVariablesForTriggersInTheMutationTransaction() {
        query("mutation { insert_article_one(object: {id: 90, author_id: 1, title: \"Audited\"}) { id } }",
                Map.of(), Map.of("x-hasura-user-id", "42"));
        assertEquals(json("{'data':{'article_by_pk':{'id':90}}}"), query("{ article_by_pk(id: 90) { id } }"));
        String audit = io.threefactor.engine.support.Graphql.post("{\"query\":\"{ __typename }\"}", Map.of());
        assertEquals(json("{'data':{'__typename':'query_root'}}"), audit);
        assertEquals("{\"x-hasura-role\": \"admin\", \"x-hasura-user-id\": \"42\"}",
                AuditLog.lastFor(90));
    }
}
