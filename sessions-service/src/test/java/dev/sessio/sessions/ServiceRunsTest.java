package dev.sessio.sessions;

import dev.sessio.testing.ServiceContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Health, OpenAPI, metrics and problem+json, checked the same way for every service. */
@QuarkusTest
class ServiceRunsTest extends ServiceContract {

    @Test
    void everyOperationOfTheOpenApiDocumentHasAUniqueIdAndASummary() {
        var document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        List<String> ids = document.getList("paths.collect { it.value.collect { it.value.operationId } }.flatten()");
        List<String> summaries = document.getList("paths.collect { it.value.collect { it.value.summary } }.flatten()");
        assertThat(ids).hasSize(21).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(summaries).hasSameSizeAs(ids).doesNotContainNull();
    }
}
