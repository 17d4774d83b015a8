package dev.sessio.runtime;

import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ProblemJsonTest {

    static final String PROBLEM = "application/problem+json";
    final String token = TestTokens.user("alice").org(UUID.randomUUID()).roles("school-admin").bearer();

    @Test
    void everyInvalidFieldIsListedAndNothingIsCreated() {
        String title = "x".repeat(61);
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\",\"pages\":0,\"author\":{\"name\":\"\"}}")
                .when().post("/api/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://sessio.dev/problems/validation"))
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid request"))
                .body("errors.field", containsInAnyOrder("title", "pages", "author.name"));
        given().header("Authorization", token).queryParam("title", title)
                .when().get("/api/notes/count").then().statusCode(200).body(equalTo("0"));
    }

    @Test
    void aMissingBodyAndAMissingQueryParameterAreValidationErrors() {
        given().header("Authorization", token).contentType(ContentType.JSON)
                .when().post("/api/notes")
                .then().statusCode(400).contentType(PROBLEM).body("errors", hasSize(1));
        given().header("Authorization", token)
                .when().get("/api/notes/count")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("title"));
    }

    @Test
    void malformedJsonAndWrongTypesAreClearBadRequests() {
        given().header("Authorization", token).contentType(ContentType.JSON).body("{\"title\": \"a\", ")
                .when().post("/api/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://sessio.dev/problems/malformed-body"))
                .body("detail", not(containsString("jackson")));
        given().header("Authorization", token).contentType(ContentType.JSON).body("{\"title\": \"a\", \"pages\": \"many\"}")
                .when().post("/api/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("pages"));
    }

    @Test
    void businessRefusalsCarryTheirTypeAndExtensions() {
        given().header("Authorization", token).when().post("/api/notes/conflict")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://sessio.dev/problems/insufficient-tokens"))
                .body("detail", equalTo("Your balance is 0"))
                .body("buyTokens", equalTo("/api/tokens/offers"));
    }

    @Test
    void unexpectedErrorsLeakNothingInternal() {
        String body = given().header("Authorization", token).when().post("/api/notes/boom")
                .then().statusCode(500).contentType(PROBLEM)
                .body("type", equalTo("https://sessio.dev/problems/internal-error"))
                .body("errorId", notNullValue())
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(body)
                .doesNotContain("secret_table", "SQLException", "dev.sessio", "at ");
    }

    @Test
    void anExhaustedConnectionPoolAnswers503WithRetryAfterNot500() {
        given().header("Authorization", token).when().post("/api/notes/pool-exhausted")
                .then().statusCode(503).contentType(PROBLEM).header("Retry-After", "2")
                .body("type", equalTo("https://sessio.dev/problems/service-unavailable"))
                .body("errorId", nullValue());
    }

    @Test
    void unknownPathsMethodsAndRolesAnswerProblems() {
        given().header("Authorization", token).when().get("/api/nothing-here")
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", token).when().delete("/api/notes/conflict")
                .then().statusCode(405).contentType(PROBLEM);
        given().header("Authorization", token).when().post("/api/notes/ops-only")
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("https://sessio.dev/problems/forbidden"));
        given().header("Authorization", TestTokens.user("ops").roles("ops").bearer()).when().post("/api/notes/ops-only")
                .then().statusCode(204);
    }

    @Test
    void tokensAreCheckedForAudienceAndExpiry() {
        given().header("Authorization", TestTokens.user("alice").org(UUID.randomUUID()).audience("another-api").bearer())
                .when().get("/api/notes/count?title=a").then().statusCode(401);
        given().header("Authorization", TestTokens.user("alice").org(UUID.randomUUID()).expiresIn(-120).bearer())
                .when().get("/api/notes/count?title=a").then().statusCode(401);
        given().when().get("/api/notes/count?title=a").then().statusCode(401);
    }

    @Test
    void anotherOrganisationsResourceIsNotFoundLikeAnUnknownOne() {
        UUID orgA = UUID.randomUUID();
        String a = TestTokens.user("a").org(orgA).roles("school-admin").bearer();
        String b = TestTokens.user("b").org(UUID.randomUUID()).roles("school-admin").bearer();
        String location = given().header("Authorization", a).contentType(ContentType.JSON)
                .body("{\"title\":\"mine\",\"pages\":3}")
                .when().post("/api/notes").then().statusCode(201).extract().header("Location");
        given().header("Authorization", a).when().get(location).then().statusCode(200)
                .body("organisationId", equalTo(orgA.toString()));
        String notYours = given().header("Authorization", b).when().get(location)
                .then().statusCode(404).contentType(PROBLEM).extract().asString();
        String unknown = given().header("Authorization", b).when().get("/api/notes/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM).extract().asString();
        org.assertj.core.api.Assertions.assertThat(notYours.replaceAll("[0-9a-f-]{36}", "ID"))
                .isEqualTo(unknown.replaceAll("[0-9a-f-]{36}", "ID"));
        given().header("Authorization", b).when().get("/api/notes/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
    }
}
