package dev.sessio.accounts;

import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.sessio.accounts.Fixtures.email;
import static dev.sessio.accounts.Fixtures.latestEvent;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class MentoringUsersTest {

    static final String OPS = TestTokens.user("ops-2").roles("ops").bearer();
    static final String MENTOR = TestTokens.user("mentor-1").roles("mentor").bearer();

    @Inject
    InMemoryIdentityProvider keycloak;

    @AfterEach
    void reset() {
        keycloak.reset();
    }

    static Response create(Map<String, Object> body) {
        return given().header("Authorization", OPS).contentType("application/json").body(body)
                .post("/api/accounts/ops/users");
    }

    @Test
    void opsCreateAStudentWithAccommodationsThatMentorsSee() {
        String email = email("student");
        Response created = create(Map.of("email", email, "firstName", "Eva", "lastName", "Élève", "role", "student",
                "accommodations", Map.of("rqth", true, "recordingAllowed", true, "extraTimePercent", 33)));
        created.then().statusCode(201).body("user.role", equalTo("student"))
                .body("user.status", equalTo("ACTIVE")).body("accommodations.rqth", equalTo(true));
        String userId = created.jsonPath().getString("user.userId");
        InMemoryIdentityProvider.User user = keycloak.users().get(userId);
        assertThat(user.realmRole).isEqualTo("student");
        assertThat(user.organisationId).isNull();
        assertThat(user.password).isNull();
        assertThat(latestEvent("PasswordResetRequested", userId).get("email").asText()).isEqualTo(email);
        var announced = latestEvent("MentoringUserCreated", userId);
        assertThat(announced.get("role").asText()).isEqualTo("STUDENT");
        assertThat(announced.get("email").asText()).isEqualTo(email);

        given().header("Authorization", MENTOR).get("/api/accounts/users/" + userId + "/accommodations").then()
                .statusCode(200).body("rqth", equalTo(true)).body("recordingAllowed", equalTo(true))
                .body("extraTimePercent", equalTo(33));
        given().header("Authorization", OPS).contentType("application/json")
                .body(Map.of("rqth", false, "recordingAllowed", false))
                .put("/api/accounts/ops/users/" + userId + "/accommodations").then().statusCode(200);
        given().header("Authorization", MENTOR).get("/api/accounts/users/" + userId + "/accommodations").then()
                .body("rqth", equalTo(false)).body("extraTimePercent", nullValue());
    }

    @Test
    void aStudentSeesTheirAccountWithoutOrganisation() {
        String userId = create(Map.of("email", email("solo"), "firstName", "S", "lastName", "Olo",
                "role", "student")).then().statusCode(201).extract().jsonPath().getString("user.userId");
        given().header("Authorization", TestTokens.user(userId).roles("student").bearer()).get("/api/accounts/me")
                .then().statusCode(200).body("organisation", nullValue()).body("user.role", equalTo("student"));
    }

    @Test
    void onlyStudentsHaveAccommodationsAndOnlyOpsAndMentorsSeeThem() {
        String mentorId = create(Map.of("email", email("mentor"), "firstName", "M", "lastName", "Entor",
                "role", "mentor")).then().statusCode(201).extract().jsonPath().getString("user.userId");
        given().header("Authorization", MENTOR).get("/api/accounts/users/" + mentorId + "/accommodations")
                .then().statusCode(404);
        create(Map.of("email", email("m2"), "firstName", "M", "lastName", "E", "role", "mentor",
                "accommodations", Map.of("rqth", true, "recordingAllowed", true))).then().statusCode(400)
                .body("errors[0].field", equalTo("accommodations"));
        create(Map.of("email", email("x"), "firstName", "X", "lastName", "Y", "role", "school-admin"))
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
        Fixtures.School school = Fixtures.activeSchool();
        given().header("Authorization", school.adminToken()).get("/api/accounts/users/" + mentorId + "/accommodations")
                .then().statusCode(403);
        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("email", email("z"), "firstName", "Z", "lastName", "Z", "role", "student"))
                .post("/api/accounts/ops/users").then().statusCode(403);
    }
}
