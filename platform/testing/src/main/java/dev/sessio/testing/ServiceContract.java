package dev.sessio.testing;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every Sessio service promises ops and clients, inherited by one {@code @QuarkusTest} per service:
 * ready only when its database and Kafka are, OpenAPI served, Prometheus metrics (outbox and pool included), and
 * problem+json for unknown addresses.
 */
public abstract class ServiceContract {

    @Test
    void isReadyWithItsDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void servesItsOpenApiDocument() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", startsWith("3."))
                .body("info.title", startsWith("Sessio"));
    }

    @Test
    void everyOperationHasAUniqueIdAndASummary() {
        io.restassured.path.json.JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>> paths = doc.getMap("paths");
        java.util.List<String> ids = new java.util.ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!java.util.Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            org.assertj.core.api.Assertions.assertThat(operation.get("summary"))
                    .as("summary of %s %s", method, path).isNotNull();
            ids.add(String.valueOf(operation.get("operationId")));
        }));
        org.assertj.core.api.Assertions.assertThat(ids).as("operation ids").doesNotHaveDuplicates();
    }

    @Test
    void exposesPrometheusMetricsIncludingTheOutbox() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("sessio_outbox_published"))
                .body(containsString("agroal_awaiting_count"));
    }

    @Test
    void refusesTokensForAnotherAudienceExpiredOrFromAnotherIssuer() {
        String path = "/api/this-does-not-exist";
        given().header("Authorization", TestTokens.user("u").audience("another-api").bearer())
                .when().get(path).then().statusCode(401);
        given().header("Authorization", TestTokens.user("u").expiresIn(-120).bearer())
                .when().get(path).then().statusCode(401);
        given().header("Authorization", TestTokens.user("u").issuer("http://127.0.0.1:1/realms/other").bearer())
                .when().get(path).then().statusCode(401);
        given().header("Authorization", TestTokens.user("u").bearer())
                .when().get(path).then().statusCode(404);
    }

    @Test
    void answersProblemJsonForUnknownAddresses() {
        given().when().get("/api/this-does-not-exist-" + RestAssured.port)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
