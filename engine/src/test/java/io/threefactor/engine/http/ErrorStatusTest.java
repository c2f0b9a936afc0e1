package io.threefactor.engine.http;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code /v1/graphql} answers every error with 200, as Hasura does; the older {@code /v1alpha1/graphql} keeps the
 * error's status: 401 for a missing or wrong admin secret, 400 for a request that fails.
 */
@QuarkusTest
@TestProfile(ErrorStatusTest.Profile.class)
class ErrorStatusTest {

    private static final String QUERY = "{\"query\":\"{ author { id } }\"}";

    public static class Profile extends LibraryProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("threefactor.admin-secret", "secret");
        }
    }

    @Test
    void aMissingSecretIsAnErrorWith200OnV1() {
        given().contentType("application/json").body(QUERY).post("/v1/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("access-denied"))
                .body("errors[0].message", equalTo("x-hasura-admin-secret/x-hasura-access-key required, but not found"));
    }

    @Test
    void aMissingOrWrongSecretIs401OnV1alpha1() {
        given().contentType("application/json").body(QUERY).post("/v1alpha1/graphql").then().statusCode(401)
                .body("errors[0].extensions.code", equalTo("access-denied"));
        given().contentType("application/json").header("x-hasura-admin-secret", "guess").body(QUERY)
                .post("/v1alpha1/graphql").then().statusCode(401)
                .body("errors[0].message", equalTo("invalid x-hasura-admin-secret/x-hasura-access-key"));
    }

    @Test
    void theSecretServesV1alpha1() {
        given().contentType("application/json").header("x-hasura-admin-secret", "secret").body(QUERY)
                .post("/v1alpha1/graphql").then().statusCode(200).body("data.author.size()", equalTo(4));
    }

    @Test
    void aFailingRequestIs400OnV1alpha1And200OnV1() {
        String bad = "{\"query\":\"{ author { no_such_column } }\"}";
        given().contentType("application/json").header("x-hasura-admin-secret", "secret").body(bad)
                .post("/v1alpha1/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("validation-failed"));
        given().contentType("application/json").header("x-hasura-admin-secret", "secret").body(bad)
                .post("/v1/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("validation-failed"));
    }
}
