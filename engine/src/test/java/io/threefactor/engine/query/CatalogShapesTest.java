package io.threefactor.engine.query;

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
import static io.threefactor.engine.support.MetadataApi.metadata;
import static io.threefactor.engine.support.MetadataApi.v1Query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Database shapes the fixtures lack: ltree paths and their operators, a computed field whose row argument has no
 * name, and a tracked function taking a table's row type. Uses the cs_* tables it creates.
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogShapesTest {

    @Test
    @Order(1)
    void filtersLtreePathsByAncestryAndPatterns() {
        assertAnswer("{'result_type':'CommandOk','result':null}", v1Query("{'type':'run_sql','args':{'sql':"
                + "'CREATE EXTENSION IF NOT EXISTS ltree; CREATE TABLE cs_tree (id int PRIMARY KEY, path ltree);"
                + " INSERT INTO cs_tree VALUES (1, ^Top^), (2, ^Top.Science^), (3, ^Top.Science.Astronomy^), (4, ^Top.Hobbies^)'}}"));
        assertAnswer("{'message':'success'}", metadata("{'type':'pg_track_table','args':{'table':'cs_tree'}}"));
        assertEquals(json("{'data':{'cs_tree':[{'id':1},{'id':2}]}}"), tree("{path: {_ancestor: \"Top.Science\"}}"));
        assertEquals(json("{'data':{'cs_tree':[{'id':1},{'id':4}]}}"), tree("{path: {_ancestor_any: [\"Top.Hobbies\"]}}"));
        assertEquals(json("{'data':{'cs_tree':[{'id':2},{'id':3}]}}"), tree("{path: {_descendant: \"Top.Science\"}}"));
        assertEquals(json("{'data':{'cs_tree':[{'id':3},{'id':4}]}}"),
                tree("{path: {_descendant_any: [\"Top.Science.Astronomy\", \"Top.Hobbies\"]}}"));
        assertEquals(json("{'data':{'cs_tree':[{'id':3}]}}"), tree("{path: {_matches: \"*.Astronomy\"}}"));
        assertEquals(json("{'data':{'cs_tree':[{'id':1},{'id':4}]}}"), tree("{path: {_matches_any: [\"Top\", \"*.Hobbies\"]}}"));
        assertEquals(json("{'data':{'cs_tree':[{'id':3}]}}"), tree("{path: {_matches_fulltext: \"Astro*\"}}"));
    }

    @Test
    @Order(2)
    void callsARowArgumentWithoutANameByPosition() {
        assertAnswer("{'result_type':'CommandOk','result':null}", v1Query("{'type':'run_sql','args':{'sql':"
                + "'CREATE TABLE cs_person (id int PRIMARY KEY, first text, last text);"
                + " INSERT INTO cs_person VALUES (1, ^Roger^, ^Chris^), (2, ^Daniel^, NULL);"
                + " CREATE FUNCTION cs_full_name(cs_person) RETURNS text LANGUAGE sql STABLE"
                + " AS $$ SELECT $1.first || coalesce(^ ^ || $1.last, ^^) $$'}}"));
        assertAnswer("{'message':'success'}", metadata("{'type':'pg_track_table','args':{'table':'cs_person'}}"));
        assertAnswer("{'message':'success'}", metadata("{'type':'pg_add_computed_field','args':{'table':'cs_person',"
                + "'name':'full_name','definition':{'function':'cs_full_name'}}}"));
        assertEquals(json("{'data':{'cs_person':[{'id':1,'full_name':'Roger Chris'}]}}"),
                MetadataApi.graphql("{ cs_person(where: {full_name: {_eq: \"Roger Chris\"}}) { id full_name } }"));
    }

    @Test
    @Order(3)
    void namesARowTypeArgumentsScalarApartFromTheTablesObjectType() {
        assertAnswer("{'result_type':'CommandOk','result':null}", v1Query("{'type':'run_sql','args':{'sql':"
                + "'CREATE FUNCTION cs_namesakes(person cs_person) RETURNS SETOF cs_person LANGUAGE sql STABLE"
                + " AS $$ SELECT * FROM cs_person WHERE first = person.first $$'}}"));
        assertAnswer("{'message':'success'}", metadata("{'type':'pg_track_function','args':{'function':'cs_namesakes'}}"));
        assertEquals(json("{'data':{'__type':{'inputFields':[{'name':'person','type':{'name':'cs_person_scalar'}}]}}}"),
                MetadataApi.graphql("{ __type(name: \"cs_namesakes_args\") { inputFields { name type { name } } } }"));
        assertEquals(json("{'data':{'cs_namesakes':[{'id':2}]}}"),
                MetadataApi.graphql("{ cs_namesakes(args: {person: \"(9,Daniel,X)\"}) { id } }"));
    }

    @Test
    @Order(4)
    void ordersAndFiltersByComputedFieldsWithoutArguments() {
        assertAnswer("{'result_type':'CommandOk','result':null}", v1Query("{'type':'run_sql','args':{'sql':"
                + "'CREATE TABLE cs_post (id int PRIMARY KEY, person_id int, title text);"
                + " INSERT INTO cs_post VALUES (1, 2, ^A^), (2, 2, ^B^), (3, 1, ^C^);"
                + " CREATE FUNCTION cs_posts(p cs_person) RETURNS SETOF cs_post LANGUAGE sql STABLE"
                + " AS $$ SELECT * FROM cs_post WHERE person_id = p.id $$'}}"));
        assertAnswer("{'message':'success'}", metadata("{'type':'pg_track_table','args':{'table':'cs_post'}}"));
        assertAnswer("{'message':'success'}", metadata("{'type':'pg_add_computed_field','args':{'table':'cs_person',"
                + "'name':'posts','definition':{'function':'cs_posts','table_argument':'p'}}}"));
        assertEquals(json("{'data':{'cs_person':[{'id':1},{'id':2}]}}"),
                MetadataApi.graphql("{ cs_person(order_by: {full_name: desc}) { id } }"));
        assertEquals(json("{'data':{'cs_person':[{'id':2},{'id':1}]}}"),
                MetadataApi.graphql("{ cs_person(order_by: {posts_aggregate: {count: desc}}) { id } }"));
        assertEquals(json("{'data':{'cs_person':[{'id':1}]}}"),
                MetadataApi.graphql("{ cs_person(where: {posts: {title: {_eq: \"C\"}}}) { id } }"));
    }

    @Test
    @Order(5)
    void describesComputedFieldsByTheirFunctionsCommentOrName() {
        assertAnswer("{'result_type':'CommandOk','result':null}", v1Query("{'type':'run_sql','args':{'sql':"
                + "'COMMENT ON FUNCTION cs_posts(cs_person) IS ^Posts of the person^'}}"));
        assertEquals(json("{'data':{'__type':{'fields':[{'name':'id','description':null},{'name':'first','description':null},"
                        + "{'name':'last','description':null},{'name':'full_name','description':'A computed field, executes"
                        + " function `cs_full_name`'},{'name':'posts','description':'Posts of the person'}]}}}"),
                MetadataApi.graphql("{ __type(name: \"cs_person\") { fields { name description } } }"));
    }

    private static String tree(String where) {
        return MetadataApi.graphql("{ cs_tree(where: " + where + ", order_by: {id: asc}) { id } }");
    }
}
