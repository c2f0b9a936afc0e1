package io.threefactor.engine.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** With HASURA_GRAPHQL_READ_REPLICA_URLS set, queries read from the replicas and mutations write to the primary. */
@QuarkusTest
@TestProfile(ReplicaProfile.class)
class ReadReplicaTest {

    @Test
    void queriesAreAnsweredByTheReplica() {
        graphql("{ author(where: {id: {_eq: 900}}) { name } }")
                .body("data.author[0].name", equalTo(ReplicaProfile.REPLICA_ONLY_AUTHOR));
    }

    @Test
    void mutationsWriteToThePrimaryAndReturnItsRows() {
        graphql("mutation { insert_author_one(object: {id: 901, name: \\\"Written To The Primary\\\"}) { id name } }")
                .body("data.insert_author_one.name", equalTo("Written To The Primary"));
        // The mutation's own result comes from the primary; the replica (not following it here) lacks the row.
        graphql("{ author_by_pk(id: 901) { name } }").body("data.author_by_pk", equalTo(null));
        graphql("mutation { delete_author_by_pk(id: 901) { name } }")
                .body("data.delete_author_by_pk.name", equalTo("Written To The Primary"));
    }

    private static io.restassured.response.ValidatableResponse graphql(String query) {
        return given().contentType(ContentType.JSON).body("{\"query\":\"" + query + "\"}")
                .post("/v1/graphql").then().statusCode(200);
    }
}
