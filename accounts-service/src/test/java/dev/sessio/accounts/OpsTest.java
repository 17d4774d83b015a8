package dev.sessio.accounts;

import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.sessio.accounts.Fixtures.events;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class OpsTest {

    static final String OPS = TestTokens.user("ops-1").roles("ops").bearer();

    @Inject
    InMemoryIdentityProvider keycloak;

    @AfterEach
    void reset() {
        keycloak.reset();
    }

    @Test
    void opsFindOrganisationsByNameUaiOrStatus() {
        Fixtures.School school = Fixtures.activeSchool();
        String name = given().header("Authorization", school.adminToken()).get("/api/accounts/organisation")
                .then().extract().jsonPath().getString("name");
        String uai = given().header("Authorization", school.adminToken()).get("/api/accounts/organisation")
                .then().extract().jsonPath().getString("uai");

        given().header("Authorization", OPS).queryParam("q", name.toUpperCase())
                .get("/api/accounts/ops/organisations").then().statusCode(200)
                .body("items.organisation.id", hasItem(school.organisationId().toString()));
        given().header("Authorization", OPS).queryParam("q", uai).queryParam("status", "ACTIVE")
                .get("/api/accounts/ops/organisations").then().statusCode(200).body("total", equalTo(1));
        given().header("Authorization", OPS).get("/api/accounts/ops/organisations/" + school.organisationId())
                .then().statusCode(200).body("organisation.status", equalTo("ACTIVE"));
        given().header("Authorization", OPS).get("/api/accounts/ops/organisations/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void suspendingLocksOutUsersAndClientsAndReactivatingLetsThemBackIn() {
        Fixtures.School school = Fixtures.activeSchool();
        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("name", "ENT")).post("/api/accounts/organisation/api-clients").then().statusCode(201);

        given().header("Authorization", OPS).contentType("application/json").body(Map.of("reason", "unpaid"))
                .post("/api/accounts/ops/organisations/" + school.organisationId() + "/suspend").then()
                .statusCode(200).body("organisation.status", equalTo("SUSPENDED"))
                .body("suspensionReason", equalTo("unpaid"));
        assertThat(keycloak.users().get(school.adminUserId()).enabled).isFalse();
        assertThat(keycloak.clients().values()).filteredOn(c -> c.organisationId.equals(school.organisationId()))
                .isNotEmpty().allMatch(c -> !c.enabled);
        assertThat(events("OrganisationSuspended", school.organisationId().toString())).hasSize(1);
        given().header("Authorization", OPS).contentType("application/json").body("{}")
                .post("/api/accounts/ops/organisations/" + school.organisationId() + "/suspend").then()
                .statusCode(409).body("type", equalTo("https://sessio.dev/problems/invalid-status"));

        given().header("Authorization", OPS).contentType("application/json").body("{}")
                .post("/api/accounts/ops/organisations/" + school.organisationId() + "/reactivate").then()
                .statusCode(200).body("organisation.status", equalTo("ACTIVE"));
        assertThat(keycloak.users().get(school.adminUserId()).enabled).isTrue();
        assertThat(keycloak.clients().values()).filteredOn(c -> c.organisationId.equals(school.organisationId()))
                .allMatch(c -> c.enabled);
        assertThat(events("OrganisationReactivated", school.organisationId().toString())).hasSize(1);
    }

    @Test
    void aKeycloakFailureHalfWayThroughASuspensionIsUndone() {
        Fixtures.School school = Fixtures.activeSchool();
        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("name", "ENT")).post("/api/accounts/organisation/api-clients").then().statusCode(201);
        keycloak.failNext("setClientEnabled");
        given().header("Authorization", OPS).contentType("application/json").body("{}")
                .post("/api/accounts/ops/organisations/" + school.organisationId() + "/suspend").then()
                .statusCode(503);
        assertThat(keycloak.users().get(school.adminUserId()).enabled).as("re-enabled by compensation").isTrue();
        given().header("Authorization", OPS).get("/api/accounts/ops/organisations/" + school.organisationId())
                .then().body("organisation.status", equalTo("ACTIVE"));
    }

    @Test
    void onlyOpsMayDoThis() {
        Fixtures.School school = Fixtures.activeSchool();
        given().header("Authorization", school.adminToken()).get("/api/accounts/ops/organisations")
                .then().statusCode(403);
        given().header("Authorization", school.adminToken())
                .post("/api/accounts/ops/organisations/" + school.organisationId() + "/suspend").then()
                .statusCode(403);
        given().get("/api/accounts/ops/organisations").then().statusCode(401);
    }
}
