package dev.sessio.accounts;

import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class MyAccountTest {

    @Inject
    InMemoryIdentityProvider keycloak;

    @AfterEach
    void reset() {
        keycloak.reset();
    }

    @Test
    void meShowsTheUserTheOrganisationAndTheRoles() {
        Fixtures.School school = Fixtures.activeSchool();
        given().header("Authorization", school.adminToken()).get("/api/accounts/me").then().statusCode(200)
                .body("user.email", equalTo(school.adminEmail()))
                .body("user.userId", equalTo(school.adminUserId()))
                .body("user.role", equalTo("school-admin"))
                .body("organisation.id", equalTo(school.organisationId().toString()))
                .body("organisation.status", equalTo("ACTIVE"))
                .body("roles", hasItem("school-admin"));
    }

    @Test
    void patchChangesPersonalDataHereAndInKeycloak() {
        Fixtures.School school = Fixtures.activeSchool();
        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("firstName", "Alicia", "phone", "+33 6 11 22 33 44"))
                .patch("/api/accounts/me").then().statusCode(200)
                .body("user.firstName", equalTo("Alicia")).body("user.lastName", equalTo("Martin"))
                .body("user.phone", equalTo("+33 6 11 22 33 44"));
        assertThat(keycloak.users().get(school.adminUserId()).firstName).isEqualTo("Alicia");

        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("phone", "", "firstName", "", "locale", "french"))
                .patch("/api/accounts/me").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("firstName", "locale"));
        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("phone", "")).patch("/api/accounts/me").then().statusCode(200)
                .body("user.phone", nullValue());
    }

    @Test
    void aKeycloakFailureChangesNothing() {
        Fixtures.School school = Fixtures.activeSchool();
        keycloak.failNext("updateName");
        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("lastName", "Dupont")).patch("/api/accounts/me").then().statusCode(503);
        given().header("Authorization", school.adminToken()).get("/api/accounts/me").then()
                .body("user.lastName", equalTo("Martin"));
    }

    @Test
    void withoutATokenOrWithAnotherOrganisationsClaimThereIsNoAccount() {
        Fixtures.School school = Fixtures.activeSchool();
        given().get("/api/accounts/me").then().statusCode(401);
        given().header("Authorization", TestTokens.user(school.adminUserId()).org(UUID.randomUUID())
                .roles("school-admin").bearer()).get("/api/accounts/me").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.user("unknown-" + UUID.randomUUID()).org(UUID.randomUUID())
                .bearer()).get("/api/accounts/me").then().statusCode(404);
    }
}
