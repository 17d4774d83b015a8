package dev.sessio.accounts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
class ApiClientsTest {

    @Inject
    InMemoryIdentityProvider keycloak;

    @AfterEach
    void reset() {
        keycloak.reset();
    }

    static Response create(Fixtures.School school, String name) {
        return given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("name", name)).post("/api/accounts/organisation/api-clients");
    }

    @Test
    void aClientIsCreatedForTheCallersOrganisationAndItsSecretShownOnce() {
        Fixtures.School school = Fixtures.activeSchool();
        Response created = create(school, "ENT Occitanie");
        created.then().statusCode(201).body("name", equalTo("ENT Occitanie"));
        String keycloakId = keycloak.clients().values().stream()
                .filter(c -> c.clientId.equals(created.jsonPath().getString("clientId"))).findFirst().orElseThrow()
                .keycloakId;
        assertThat(keycloak.clients().get(keycloakId).organisationId).isEqualTo(school.organisationId());
        assertThat(created.jsonPath().getString("clientSecret")).isEqualTo(keycloak.clients().get(keycloakId).secret);

        given().header("Authorization", school.adminToken()).get("/api/accounts/organisation/api-clients")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].clientId", equalTo(created.jsonPath().getString("clientId")))
                .body("items[0]", not(hasKey("clientSecret")));
    }

    @Test
    void rotatingGivesANewSecretAndRevokingDeletesTheClient() {
        Fixtures.School school = Fixtures.activeSchool();
        Response created = create(school, "SIS");
        String id = created.jsonPath().getString("id");
        String rotated = given().header("Authorization", school.adminToken())
                .post("/api/accounts/organisation/api-clients/" + id + "/secret").then().statusCode(200)
                .extract().jsonPath().getString("clientSecret");
        assertThat(rotated).isNotEqualTo(created.jsonPath().getString("clientSecret"));

        given().header("Authorization", school.adminToken()).delete("/api/accounts/organisation/api-clients/" + id)
                .then().statusCode(204);
        assertThat(keycloak.clients().values()).noneMatch(c -> c.organisationId.equals(school.organisationId()));
        given().header("Authorization", school.adminToken()).get("/api/accounts/organisation/api-clients")
                .then().body("total", equalTo(0));
        given().header("Authorization", school.adminToken())
                .post("/api/accounts/organisation/api-clients/" + id + "/secret").then().statusCode(404);
    }

    @Test
    void anotherOrganisationsClientsAreNotFoundAndStaffCannotManageClients() {
        Fixtures.School a = Fixtures.activeSchool();
        Fixtures.School b = Fixtures.activeSchool();
        String id = create(a, "A's").jsonPath().getString("id");
        given().header("Authorization", b.adminToken()).post("/api/accounts/organisation/api-clients/" + id + "/secret")
                .then().statusCode(404);
        given().header("Authorization", b.adminToken()).delete("/api/accounts/organisation/api-clients/" + id)
                .then().statusCode(404);
        given().header("Authorization", b.adminToken()).get("/api/accounts/organisation/api-clients")
                .then().body("total", equalTo(0));
        given().header("Authorization", a.tokenFor("staff-z", "school-staff"))
                .get("/api/accounts/organisation/api-clients").then().statusCode(403);
        create(a, "").then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void aKeycloakFailureCreatesNothing() {
        Fixtures.School school = Fixtures.activeSchool();
        keycloak.failNext("createPartnerClient");
        create(school, "Down").then().statusCode(503);
        given().header("Authorization", school.adminToken()).get("/api/accounts/organisation/api-clients")
                .then().body("total", equalTo(0));
    }
}
