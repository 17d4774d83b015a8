package dev.sessio.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.accounts.infra.IdentityProvider;
import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.Map;
import java.util.UUID;

import static dev.sessio.accounts.Fixtures.anonymous;
import static dev.sessio.accounts.Fixtures.email;
import static dev.sessio.accounts.Fixtures.latestEvent;
import static dev.sessio.accounts.Fixtures.signUp;
import static dev.sessio.accounts.Fixtures.signUpBody;
import static dev.sessio.accounts.Fixtures.siret;
import static dev.sessio.accounts.Fixtures.uai;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The Keycloak admin calls against a real Keycloak (the distribution, realm from deploy/keycloak): what the resource
 * tests prove with the double, proven here on the real thing, down to real logins and client-credentials grants.
 */
@QuarkusTest
@TestProfile(RealKeycloak.class)
class KeycloakIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IdentityProvider identity;

    @Test
    void runsOnTheRealKeycloakAdapter() {
        assertThat(identity.getClass().getName()).contains("KeycloakIdentityProvider");
    }

    @Test
    void signUpThenVerifyThenARealLoginWhoseTokenCarriesTheOrganisation() {
        String email = email("real");
        Response created = signUp(signUpBody(email, uai(), siret()));
        created.then().statusCode(201);
        String organisationId = created.jsonPath().getString("organisationId");

        assertThat(login(email, Fixtures.PASSWORD).statusCode()).as("not verified yet: cannot log in").isNotEqualTo(200);
        assertThat(keycloakUsers(email)).isEqualTo(1);

        String token = latestEvent("OrganisationRegistered", organisationId).get("confirmationToken").asText();
        anonymous().body(Map.of("token", token)).post("/api/accounts/verify").then().statusCode(200);

        Response login = login(email, Fixtures.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode claims = claims(login.jsonPath().getString("access_token"));
        assertThat(claims.get("org_id").asText()).isEqualTo(organisationId);
        assertThat(claims.get("realm_access").get("roles").toString()).contains("school-admin");
        assertThat(claims.get("aud").toString()).contains("sessio-api");
        assertThat(claims.get("email_verified").asBoolean()).isTrue();
    }

    @Test
    void anEmailKeycloakAlreadyHasAnswersLikeASignUpAndLeavesNothing() {
        // admin.a@ecole-a.test comes from the local overlay: known to Keycloak, unknown to this service.
        String uai = uai();
        signUp(signUpBody("admin.a@ecole-a.test", uai, null)).then().statusCode(201)
                .body("status", equalTo("PENDING_VERIFICATION"));
        assertThat(Fixtures.count("SELECT count(*) FROM organisation WHERE uai = ?", uai)).isZero();
        assertThat(login("admin.a@ecole-a.test", "Sessio-demo-2026!").statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentSignUpsOfOneSchoolLeaveOneAccountAndNoStrayKeycloakUser() throws Exception {
        String uai = uai();
        List<String> emails = IntStream.range(0, 4).mapToObj(i -> email("racer")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(emails.size());
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String e : emails) {
                answers.add(pool.submit(() -> signUp(signUpBody(e, uai, null)).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(2, TimeUnit.MINUTES));
            }
            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
            for (int i = 0; i < emails.size(); i++) {
                // The losers' Keycloak users, if they got that far, were deleted when their transaction rolled back.
                assertThat(keycloakUsers(emails.get(i))).as(emails.get(i) + " answered " + statuses.get(i))
                        .isEqualTo(statuses.get(i) == 201 ? 1 : 0);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Fixtures.count("SELECT count(*) FROM organisation WHERE uai = ?", uai)).isEqualTo(1);
    }

    @Test
    void passwordResetSetsTheNewPasswordInKeycloakAndEndsSessions() {
        Fixtures.School school = Fixtures.activeSchool();
        Response before = login(school.adminEmail(), Fixtures.PASSWORD);
        assertThat(before.statusCode()).isEqualTo(200);

        anonymous().body(Map.of("email", school.adminEmail())).post("/api/accounts/password-reset")
                .then().statusCode(202);
        String reset = latestEvent("PasswordResetRequested", school.adminUserId()).get("resetToken").asText();
        anonymous().body(Map.of("token", reset, "newPassword", "another-long-passphrase"))
                .post("/api/accounts/password-reset/confirm").then().statusCode(204);

        assertThat(login(school.adminEmail(), Fixtures.PASSWORD).statusCode()).isEqualTo(401);
        assertThat(login(school.adminEmail(), "another-long-passphrase").statusCode()).isEqualTo(200);
        assertThat(refresh(before.jsonPath().getString("refresh_token")).statusCode())
                .as("the earlier session ended").isEqualTo(400);
    }

    @Test
    void anInvitedMemberGetsARealUserInTheInvitingOrganisation() {
        Fixtures.School school = Fixtures.activeSchool();
        String email = email("staff");
        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("email", email, "role", "school-staff"))
                .post("/api/accounts/organisation/members").then().statusCode(201);
        String invitation = latestEvent("MemberInvited", school.organisationId().toString())
                .get("invitationToken").asText();
        anonymous().body(Map.of("token", invitation, "password", "staff-long-password", "firstName", "Sam",
                "lastName", "Staff")).post("/api/accounts/invitations/accept").then().statusCode(201);

        Response login = login(email, "staff-long-password");
        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode claims = claims(login.jsonPath().getString("access_token"));
        assertThat(claims.get("org_id").asText()).isEqualTo(school.organisationId().toString());
        assertThat(claims.get("realm_access").get("roles").toString()).contains("school-staff");
    }

    @Test
    void partnerClientsGetTokensWithTheirOrganisationUntilRotatedOrRevoked() {
        Fixtures.School school = Fixtures.activeSchool();
        Response created = given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("name", "ENT")).post("/api/accounts/organisation/api-clients");
        created.then().statusCode(201);
        String id = created.jsonPath().getString("id");
        String clientId = created.jsonPath().getString("clientId");
        String secret = created.jsonPath().getString("clientSecret");

        Response grant = clientCredentials(clientId, secret);
        assertThat(grant.statusCode()).isEqualTo(200);
        JsonNode claims = claims(grant.jsonPath().getString("access_token"));
        assertThat(claims.get("org_id").asText()).isEqualTo(school.organisationId().toString());
        assertThat(claims.get("realm_access").get("roles").toString()).contains("partner");
        assertThat(claims.get("aud").toString()).contains("sessio-api");

        String rotated = given().header("Authorization", school.adminToken()).contentType("application/json")
                .post("/api/accounts/organisation/api-clients/" + id + "/secret")
                .then().statusCode(200).extract().jsonPath().getString("clientSecret");
        assertThat(clientCredentials(clientId, secret).statusCode()).isEqualTo(401);
        assertThat(clientCredentials(clientId, rotated).statusCode()).isEqualTo(200);

        given().header("Authorization", school.adminToken())
                .delete("/api/accounts/organisation/api-clients/" + id).then().statusCode(204);
        assertThat(clientCredentials(clientId, rotated).statusCode()).isEqualTo(401);
    }

    @Test
    void aSuspendedOrganisationsUsersAndClientsAreLockedOutUntilReactivated() {
        Fixtures.School school = Fixtures.activeSchool();
        Response created = given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("name", "SIS")).post("/api/accounts/organisation/api-clients");
        String clientId = created.jsonPath().getString("clientId");
        String secret = created.jsonPath().getString("clientSecret");
        String ops = TestTokens.user("ops-" + UUID.randomUUID()).roles("ops").bearer();

        given().header("Authorization", ops).contentType("application/json").body(Map.of("reason", "unpaid"))
                .post("/api/accounts/ops/organisations/" + school.organisationId() + "/suspend")
                .then().statusCode(200);
        assertThat(login(school.adminEmail(), Fixtures.PASSWORD).statusCode()).isNotEqualTo(200);
        assertThat(clientCredentials(clientId, secret).statusCode()).isNotEqualTo(200);

        given().header("Authorization", ops)
                .post("/api/accounts/ops/organisations/" + school.organisationId() + "/reactivate")
                .then().statusCode(200);
        assertThat(login(school.adminEmail(), Fixtures.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(clientCredentials(clientId, secret).statusCode()).isEqualTo(200);
    }

    @Test
    void erasingAnAccountDeletesTheKeycloakUser() {
        Fixtures.School school = Fixtures.activeSchool();
        assertThat(keycloakUsers(school.adminEmail())).isEqualTo(1);
        given().header("Authorization", school.adminToken()).delete("/api/accounts/me").then().statusCode(204);
        assertThat(keycloakUsers(school.adminEmail())).isZero();
        assertThat(login(school.adminEmail(), Fixtures.PASSWORD).statusCode()).isNotEqualTo(200);
    }

    // ---------------------------------------------------------------- Keycloak, seen directly

    /** Users with exactly this email, asked through the admin API as accounts-service's client. */
    private static int keycloakUsers(String email) {
        try (Keycloak admin = KeycloakBuilder.builder().serverUrl(KeycloakResource.url())
                .realm(KeycloakResource.REALM).grantType("client_credentials").clientId("accounts-service")
                .clientSecret(KeycloakResource.adminClientSecret()).build()) {
            return admin.realm(KeycloakResource.REALM).users().searchByEmail(email, true).size();
        }
    }

    private static Response login(String username, String password) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", KeycloakResource.TEST_CLIENT)
                .formParam("username", username).formParam("password", password)
                .post(KeycloakResource.url() + "/realms/" + KeycloakResource.REALM + "/protocol/openid-connect/token");
    }

    private static Response refresh(String refreshToken) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("client_id", KeycloakResource.TEST_CLIENT)
                .formParam("refresh_token", refreshToken)
                .post(KeycloakResource.url() + "/realms/" + KeycloakResource.REALM + "/protocol/openid-connect/token");
    }

    private static Response clientCredentials(String clientId, String secret) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post(KeycloakResource.url() + "/realms/" + KeycloakResource.REALM + "/protocol/openid-connect/token");
    }

    private static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
