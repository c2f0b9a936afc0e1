package io.threefactor.engine.mutation;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.MutationProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fixture's role {@code author} may insert, update and delete only its own articles. */
@QuarkusTest
@TestProfile(MutationProfile.class)
class MutationPermissionTest {

    private static final Map<String, String> ALAN = Map.of("x-hasura-role", "author", "x-hasura-user-id", "2");

    @Test
    void presetsFillColumnsFromTheSessionWhateverTheClientSends() {
        assertEquals(json("{'data':{'insert_article_one':{'title':'Intelligent Machinery','author_id':2}}}"),
                query("mutation { insert_article_one(object: {title: \"Intelligent Machinery\"}) { title author_id } }", Map.of(), ALAN));
        assertThat(query("mutation { insert_article_one(object: {title: \"Forged\", author_id: 1}) { id } }", Map.of(), ALAN),
                containsString("field 'author_id' not found in type: 'article_insert_input'"));
    }

    @Test
    void rollsBackAnInsertThatFailsThePermissionCheckWithEverythingElseInTheRequest() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet.b','code':'permission-error'},"
                        + "'message':'check constraint of an insert/update permission has failed'}]}"),
                query("mutation { a: insert_article_one(object: {title: \"Fine\", score: 5}) { id }"
                        + " b: insert_article_one(object: {title: \"Too good\", score: 11}) { id } }", Map.of(), ALAN));
        assertEquals(json("{'data':{'article':[]}}"),
                query("{ article(where: {title: {_in: [\"Fine\", \"Too good\"]}}) { id } }"));
    }

    @Test
    void updatesOnlyRowsTheUpdateFilterAllows() {
        assertEquals(json("{'data':{'update_article':{'affected_rows':0}}}"),
                query("mutation { update_article(where: {id: {_eq: 1}}, _set: {title: \"Hijacked\"}) { affected_rows } }", Map.of(), ALAN));
        assertEquals(json("{'data':{'article_by_pk':{'title':'Notes on the Analytical Engine'}}}"),
                query("{ article_by_pk(id: 1) { title } }"));
    }

    @Test
    void rollsBackAnUpdateThatFailsThePermissionCheck() {
        query("mutation { insert_article_one(object: {id: 100, author_id: 2, title: \"Checked\", score: 5}) { id } }");
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet.update_article_by_pk','code':'permission-error'},"
                        + "'message':'check constraint of an insert/update permission has failed'}]}"),
                query("mutation { update_article_by_pk(pk_columns: {id: 100}, _set: {score: 11, title: \"Changed\"}) { id } }", Map.of(), ALAN));
        assertEquals(json("{'data':{'article_by_pk':{'title':'Checked','score':5.0}}}"), query("{ article_by_pk(id: 100) { title score } }"));
    }

    @Test
    void deletesOnlyWhatTheDeleteFilterAllows() {
        query("mutation { insert_article(objects: [{id: 101, author_id: 2, title: \"Unpublished\"},"
                + " {id: 102, author_id: 2, title: \"Published\", published: true}]) { affected_rows } }");
        assertEquals(json("{'data':{'delete_article':{'affected_rows':1,'returning':[{'id':101}]}}}"),
                query("mutation { delete_article(where: {id: {_in: [101, 102, 1]}}) { affected_rows returning { id } } }", Map.of(), ALAN));
    }

    @Test
    void hidesMutationsTheRoleHasNoPermissionFor() {
        assertThat(query("mutation { insert_author_one(object: {name: \"Nope\"}) { id } }", Map.of(), ALAN),
                containsString("field 'insert_author_one' not found in type: 'mutation_root'"));
        assertThat(query("mutation { insert_article_one(object: {title: \"x\"}) { id } }", Map.of(),
                Map.of("x-hasura-role", "reader")), containsString("validation-failed"));
    }
}
