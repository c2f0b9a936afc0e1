package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.CoachingAppProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bundled coaching app: migrations, metadata and seeds applied from the classpath at start-up. */
@QuarkusTest
@TestProfile(CoachingAppProfile.class)
class CoachingAppQueryTest {

    private static final String ADA = "c0ac0000-0000-4000-8000-000000000001";

    @Test
    void nestsCoachProgramsSessionsAndExercises() {
        assertEquals(json("{'data':{'coach_by_pk':{'display_name':'Ada Strong','programs':["
                        + "{'title':'Draft: Conditioning','sessions':[]},"
                        + "{'title':'Strength Foundations','sessions':["
                        + "{'title':'Day A: Legs and core','exercises':[{'name':'Goblet squat','image_asset':{'content_type':'image/jpeg'}},"
                        + "{'name':'Plank','image_asset':{'content_type':'image/png'}}]},"
                        + "{'title':'Day B: Upper body','exercises':[{'name':'Push-up','image_asset':{'content_type':'image/jpeg'}}]}]}]}}}"),
                query("query ($id: uuid!) { coach_by_pk(id: $id) { display_name programs(order_by: {title: asc}) { title"
                        + " sessions(order_by: {position: asc}) { title exercises(order_by: {position: asc}) { name image_asset { content_type } } } } } }",
                        Map.of("id", ADA)));
    }

    @Test
    void aggregatesExercisesPerCoach() {
        assertEquals(json("{'data':{'coach':[{'display_name':'Ada Strong','programs_aggregate':{'aggregate':{'count':2}}},"
                        + "{'display_name':'Ben Flow','programs_aggregate':{'aggregate':{'count':1}}},"
                        + "{'display_name':'Cleo Pace','programs_aggregate':{'aggregate':{'count':0}}}],"
                        + "'exercise_aggregate':{'aggregate':{'count':5,'sum':{'sets':14},'max':{'reps':10}}}}}"),
                query("{ coach(order_by: {display_name: asc}) { display_name programs_aggregate { aggregate { count } } }"
                        + " exercise_aggregate { aggregate { count sum { sets } max { reps } } } }"));
    }

    @Test
    void exposesEnumTablesAsGraphqlEnumsOnTheColumnsThatReferenceThem() {
        assertEquals(json("{'data':{'__type':{'kind':'ENUM','enumValues':[{'name':'failed','description':'Gave up; error holds the reason'},"
                        + "{'name':'pending','description':'Requested; waiting for the publish-program function'},"
                        + "{'name':'processing','description':'The publish-program function is working on it'},"
                        + "{'name':'published','description':'Done; result holds the version and URLs'}]}}}"),
                query("{ __type(name: \"publish_program_status_enum\") { kind enumValues { name description } } }"));
        assertEquals(json("{'data':{'insert_publish_program_one':{'status':'pending'}}}"),
                query("mutation { insert_publish_program_one(object: {program_id: \"9a0a0000-0000-4000-8000-000000000001\","
                        + " requested_by: \"" + ADA + "\", status: pending}) { status } }"));
        assertEquals(json("{'data':{'asset_aggregate':{'aggregate':{'count':6}}}}"),
                query("{ asset_aggregate(where: {status: {_in: [uploaded, processing]}}) { aggregate { count } } }"));
    }

    @Test
    void exposesEnumTableValuesAndFiltersThroughRelationships() {
        assertEquals(json("{'data':{'exercise':[{'name':'Cat-cow'},{'name':'Hip opener'}]}}"),
                query("{ exercise(where: {session: {program: {coach: {display_name: {_eq: \"Ben Flow\"}}}}}, order_by: {name: asc}) { name } }"));
    }
}
