package dev.sessio.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.sessio.accounts.Fixtures.anonymous;
import static dev.sessio.accounts.Fixtures.email;
import static dev.sessio.accounts.Fixtures.latestEvent;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class MembersTest {

    @Inject
    InMemoryIdentityProvider keycloak;

    @AfterEach
    void reset() {
        keycloak.reset();
    }

    static Response invite(Fixtures.School school, String email, String role) {
        return given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("email", email, "role", role)).post("/api/accounts/organisation/members");
    }

    static String accept(Fixtures.School school, String email) {
        String token = latestEvent("MemberInvited", school.organisationId().toString()).get("invitationToken").asText();
        return anonymous().body(Map.of("token", token, "password", "member-long-password", "firstName", "Sam",
                        "lastName", "Staff")).post("/api/accounts/invitations/accept")
                .then().statusCode(201).extract().jsonPath().getString("userId");
    }

    @Test
    void anInvitationEmitsMemberInvitedWithASevenDayTokenAndAcceptingCreatesTheUserInTheOrganisation() {
        Fixtures.School school = Fixtures.activeSchool();
        String email = email("staff");
        invite(school, email, "school-staff").then().statusCode(201)
                .body("status", equalTo("INVITED")).body("role", equalTo("school-staff"));
        JsonNode event = latestEvent("MemberInvited", school.organisationId().toString());
        assertThat(event.get("email").asText()).isEqualTo(email);
        assertThat(event.get("role").asText()).isEqualTo("SCHOOL_STAFF");
        assertThat(event.get("invitedBy").asText()).isEqualTo(school.adminUserId());
        assertThat(Instant.parse(event.get("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(Duration.ofMinutes(5)));

        String userId = accept(school, email);
        InMemoryIdentityProvider.User user = keycloak.users().get(userId);
        assertThat(user.organisationId).isEqualTo(school.organisationId());
        assertThat(user.realmRole).isEqualTo("school-staff");
        assertThat(user.enabled).isTrue();

        anonymous().body(Map.of("token", event.get("invitationToken").asText(), "password", "member-long-password",
                        "firstName", "Sam", "lastName", "Staff")).post("/api/accounts/invitations/accept")
                .then().statusCode(400).body("type", equalTo("https://sessio.dev/problems/token-already-used"));
    }

    @Test
    void invitingAnExistingAccountOrWithAWrongRoleIsRefused() {
        Fixtures.School school = Fixtures.activeSchool();
        invite(school, school.adminEmail(), "school-staff").then().statusCode(409)
                .body("type", equalTo("https://sessio.dev/problems/account-exists"));
        invite(school, email("x"), "ops").then().statusCode(400).body("errors[0].field", equalTo("role"));
        given().header("Authorization", school.tokenFor("staff-y", "school-staff")).contentType("application/json")
                .body(Map.of("email", email("y"), "role", "school-staff"))
                .post("/api/accounts/organisation/members").then().statusCode(403);
    }

    @Test
    void membersAreListedPagedAndOnlyTheirOwnOrganisations() {
        Fixtures.School school = Fixtures.activeSchool();
        String a = email("a");
        String b = email("b");
        invite(school, a, "school-staff").then().statusCode(201);
        invite(school, b, "school-admin").then().statusCode(201);
        Fixtures.activeSchool();

        given().header("Authorization", school.adminToken()).queryParam("size", 2)
                .get("/api/accounts/organisation/members").then().statusCode(200)
                .body("total", equalTo(3)).body("items.size()", equalTo(2)).body("size", equalTo(2));
        given().header("Authorization", school.adminToken()).queryParam("page", 1).queryParam("size", 2)
                .get("/api/accounts/organisation/members").then().statusCode(200)
                .body("items.size()", equalTo(1));
        given().header("Authorization", school.adminToken()).queryParam("size", 1000)
                .get("/api/accounts/organisation/members").then().statusCode(200)
                .body("size", equalTo(100)).body("items.email", hasItems(school.adminEmail(), a, b));
    }

    @Test
    void removingAMemberDeletesTheirLoginButTheLastAdminStays() {
        Fixtures.School school = Fixtures.activeSchool();
        String email = email("leaving");
        String memberId = invite(school, email, "school-staff").then().statusCode(201).extract().jsonPath()
                .getString("memberId");
        String userId = accept(school, email);

        given().header("Authorization", school.adminToken()).delete("/api/accounts/organisation/members/" + memberId)
                .then().statusCode(204);
        assertThat(keycloak.users()).doesNotContainKey(userId);
        given().header("Authorization", school.adminToken()).get("/api/accounts/organisation/members/" + memberId)
                .then().statusCode(404);

        String adminId = given().header("Authorization", school.adminToken()).get("/api/accounts/me")
                .then().extract().jsonPath().getString("user.id");
        given().header("Authorization", school.adminToken()).delete("/api/accounts/organisation/members/" + adminId)
                .then().statusCode(409).body("type", equalTo("https://sessio.dev/problems/last-admin"));
        assertThat(keycloak.users()).containsKey(school.adminUserId());
    }

    @Test
    void anotherOrganisationsMembersAreNotFound() {
        Fixtures.School a = Fixtures.activeSchool();
        Fixtures.School b = Fixtures.activeSchool();
        String memberOfA = invite(a, email("a-staff"), "school-staff").then().extract().jsonPath()
                .getString("memberId");
        given().header("Authorization", b.adminToken()).get("/api/accounts/organisation/members/" + memberOfA)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", b.adminToken()).delete("/api/accounts/organisation/members/" + memberOfA)
                .then().statusCode(404);
        given().header("Authorization", a.adminToken()).get("/api/accounts/organisation/members/" + memberOfA)
                .then().statusCode(200);
    }

    @Test
    void anInvitationToASuspendedOrganisationCannotBeAccepted() {
        Fixtures.School school = Fixtures.activeSchool();
        String email = email("late");
        invite(school, email, "school-staff").then().statusCode(201);
        String token = latestEvent("MemberInvited", school.organisationId().toString()).get("invitationToken").asText();
        given().header("Authorization", dev.sessio.testing.TestTokens.user("ops").roles("ops").bearer()).contentType("application/json").body("{}")
                .post("/api/accounts/ops/organisations/" + school.organisationId() + "/suspend").then().statusCode(200);
        anonymous().body(Map.of("token", token, "password", "member-long-password", "firstName", "L",
                "lastName", "Ate")).post("/api/accounts/invitations/accept").then().statusCode(409);
        assertThat(keycloak.userByEmail(email)).isNull();
    }
}
