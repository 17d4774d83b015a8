package dev.sessio.accounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.sessio.accounts.Fixtures.count;
import static dev.sessio.accounts.Fixtures.latestEvent;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class PersonalDataTest {

    @Inject
    InMemoryIdentityProvider keycloak;

    @AfterEach
    void reset() {
        keycloak.reset();
    }

    @Test
    void theExportHoldsEverythingAboutTheCaller() {
        Fixtures.School school = Fixtures.activeSchool();
        MembersTest.invite(school, Fixtures.email("invitee"), "school-staff").then().statusCode(201);
        given().header("Authorization", school.adminToken()).get("/api/accounts/me/export").then().statusCode(200)
                .body("account.email", equalTo(school.adminEmail()))
                .body("account.firstName", equalTo("Alice"))
                .body("account.phone", equalTo("+33 1 23 45 67 89"))
                .body("organisation.id", equalTo(school.organisationId().toString()))
                .body("invitationsSent", hasSize(1))
                .body("emailLinks[0].purpose", equalTo("VERIFY_EMAIL"));
    }

    @Test
    void erasingAnonymisesDeletesTheLoginAndTellsTheOtherServices() {
        Fixtures.School school = Fixtures.activeSchool();
        given().header("Authorization", school.adminToken()).delete("/api/accounts/me").then().statusCode(204);

        assertThat(keycloak.users()).doesNotContainKey(school.adminUserId());
        assertThat(count("SELECT count(*) FROM member WHERE email = ?", school.adminEmail())).isZero();
        assertThat(count("SELECT count(*) FROM member WHERE user_id = ? AND status = 'ERASED' AND first_name IS NULL",
                school.adminUserId())).isEqualTo(1);
        assertThat(latestEvent("PersonalDataErased", school.adminUserId()).get("organisationId").asText())
                .isEqualTo(school.organisationId().toString());
        given().header("Authorization", school.adminToken()).get("/api/accounts/me").then().statusCode(404);
        // The email is free again.
        Fixtures.signUp(Fixtures.signUpBody(school.adminEmail(), Fixtures.uai(), null)).then().statusCode(201);
    }

    @Test
    void theLastAdminOfAnOrganisationWithMembersMustHandOverFirst() {
        Fixtures.School school = Fixtures.activeSchool();
        MembersTest.invite(school, Fixtures.email("colleague"), "school-staff").then().statusCode(201);
        given().header("Authorization", school.adminToken()).delete("/api/accounts/me").then().statusCode(409)
                .body("type", equalTo("https://sessio.dev/problems/last-admin"));
        assertThat(keycloak.users()).containsKey(school.adminUserId());
        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of()).patch("/api/accounts/me").then().statusCode(200);
    }
}
