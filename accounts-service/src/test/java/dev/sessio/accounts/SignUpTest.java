package dev.sessio.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.sessio.accounts.Fixtures.anonymous;
import static dev.sessio.accounts.Fixtures.count;
import static dev.sessio.accounts.Fixtures.email;
import static dev.sessio.accounts.Fixtures.latestEvent;
import static dev.sessio.accounts.Fixtures.signUp;
import static dev.sessio.accounts.Fixtures.signUpBody;
import static dev.sessio.accounts.Fixtures.siret;
import static dev.sessio.accounts.Fixtures.uai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class SignUpTest {

    @Inject
    InMemoryIdentityProvider keycloak;

    @AfterEach
    void reset() {
        keycloak.reset();
    }

    @Test
    void signUpCreatesAPendingOrganisationADisabledUserAndASingleUse48HourToken() {
        String email = email("admin");
        Response answer = signUp(signUpBody(email, uai(), siret()));

        answer.then().statusCode(201).header("Location", containsString("/api/accounts/organisation"))
                .body("status", equalTo("PENDING_VERIFICATION"));
        String organisationId = answer.jsonPath().getString("organisationId");
        InMemoryIdentityProvider.User user = keycloak.userByEmail(email);
        assertThat(user).isNotNull();
        assertThat(user.enabled).isFalse();
        assertThat(user.emailVerified).isFalse();
        assertThat(user.organisationId).hasToString(organisationId);
        assertThat(user.realmRole).isEqualTo("school-admin");

        JsonNode event = latestEvent("OrganisationRegistered", organisationId);
        assertThat(event.get("adminUserId").asText()).isEqualTo(user.id);
        assertThat(event.get("adminEmail").asText()).isEqualTo(email);
        assertThat(event.get("resend").asBoolean()).isFalse();
        assertThat(event.get("confirmationToken").asText()).hasSizeGreaterThan(30);
        assertThat(Instant.parse(event.get("confirmationExpiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofHours(48)), within(Duration.ofMinutes(5)));
        assertThat(count("SELECT count(*) FROM action_token WHERE token_hash = ?",
                event.get("confirmationToken").asText())).as("only the hash is stored").isZero();
    }

    @Test
    void everyFaultyFieldIsListedAndNothingIsCreated() {
        long organisations = count("SELECT count(*) FROM organisation");
        int users = keycloak.users().size();
        Map<String, Object> body = signUpBody("not-an-email", "0750655A", "12345678901234");
        @SuppressWarnings("unchecked") Map<String, Object> organisation = (Map<String, Object>) body.get("organisation");
        organisation.put("name", " ");
        organisation.put("address", Map.of("street", "1 rue", "postalCode", "75005"));
        @SuppressWarnings("unchecked") Map<String, Object> admin = (Map<String, Object>) body.get("admin");
        admin.put("password", "short");
        admin.remove("firstName");
        body.put("acceptTerms", false);

        signUp(body).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/validation"))
                .body("errors.field", containsInAnyOrder("organisation.name", "organisation.uai",
                        "organisation.siret", "organisation.address.city", "admin.email", "admin.password",
                        "admin.firstName", "acceptTerms"));

        assertThat(count("SELECT count(*) FROM organisation")).isEqualTo(organisations);
        assertThat(keycloak.users()).hasSize(users);
    }

    @Test
    void aMissingBodyOrMissingPartsAreValidationErrors() {
        anonymous().body("{}").post("/api/accounts/signup").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("organisation", "admin", "acceptTerms"));
    }

    @Test
    void theSameUaiOrSiretAnswers409WithoutRevealingTheOtherAccount() {
        String email = email("first");
        String uai = uai();
        String siret = siret();
        Map<String, Object> first = signUpBody(email, uai, siret);
        signUp(first).then().statusCode(201);
        String firstName = (String) ((Map<?, ?>) first.get("organisation")).get("name");
        long organisations = count("SELECT count(*) FROM organisation");
        int users = keycloak.users().size();

        for (Map<String, Object> duplicate : List.of(
                signUpBody(email("other"), uai.toLowerCase(), null),
                signUpBody(email("other"), null, siret))) {
            signUp(duplicate).then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("https://sessio.dev/problems/account-exists"))
                    .body("detail", not(containsString(firstName)))
                    .body("detail", not(containsString(email)));
        }
        assertThat(count("SELECT count(*) FROM organisation")).isEqualTo(organisations);
        assertThat(keycloak.users()).hasSize(users);
    }

    @Test
    void aTakenEmailAnswersLikeANewSignUpCreatesNothingAndMailsTheHolder() {
        // Otherwise sign-up would tell anyone which emails have an account (security suite, issue #8).
        Fixtures.School active = Fixtures.activeSchool();
        String pendingEmail = email("pending");
        String pendingOrganisation = signUp(signUpBody(pendingEmail, uai(), null)).jsonPath().getString("organisationId");
        long organisations = count("SELECT count(*) FROM organisation");
        int users = keycloak.users().size();
        int confirmations = Fixtures.events("OrganisationRegistered", pendingOrganisation).size();

        Response fresh = signUp(signUpBody(email("fresh"), uai(), null));
        Response taken = signUp(signUpBody(active.adminEmail().toUpperCase(), uai(), null));
        Response unconfirmed = signUp(signUpBody(pendingEmail, null, null));

        for (Response answer : List.of(taken, unconfirmed)) {
            answer.then().statusCode(201).header("Location", fresh.header("Location"))
                    .body("status", equalTo("PENDING_VERIFICATION"));
            assertThat(answer.jsonPath().getMap("")).containsOnlyKeys(fresh.jsonPath().getMap("").keySet());
            assertThat(answer.jsonPath().getString("organisationId"))
                    .isNotIn(active.organisationId().toString(), pendingOrganisation);
        }
        assertThat(count("SELECT count(*) FROM organisation")).isEqualTo(organisations + 1);
        assertThat(keycloak.users()).hasSize(users + 1);
        // The holders get what they need: a reset link (active) or a new confirmation link (unconfirmed).
        assertThat(Fixtures.events("PasswordResetRequested", active.adminUserId())).hasSize(1);
        assertThat(Fixtures.events("OrganisationRegistered", pendingOrganisation)).hasSize(confirmations + 1);
    }

    @Test
    void anEmailKnownOnlyToKeycloakAnswersLikeANewSignUpAndLeavesNothing() {
        String email = email("keycloak-only");
        keycloak.createUser(new dev.sessio.accounts.infra.IdentityProvider.NewUser(email, "K", "C",
                null, null, "student", true, true));
        long organisations = count("SELECT count(*) FROM organisation");

        signUp(signUpBody(email, uai(), null)).then().statusCode(201)
                .body("status", equalTo("PENDING_VERIFICATION"));
        assertThat(count("SELECT count(*) FROM organisation")).isEqualTo(organisations);
    }

    @Test
    void keycloakDownAnswers503AndCreatesNothing() {
        String email = email("outage");
        String uai = uai();
        keycloak.failNext("createUser");

        signUp(signUpBody(email, uai, null)).then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/identity-provider-unavailable"))
                .body("detail", not(containsString("simulated")));
        assertThat(count("SELECT count(*) FROM organisation WHERE uai = ?", uai)).isZero();
        assertThat(count("SELECT count(*) FROM member WHERE email = ?", email)).isZero();
        assertThat(keycloak.userByEmail(email)).isNull();
    }

    @Test
    void aFailureAfterTheKeycloakUserWasCreatedDeletesItAgain() {
        String email = email("race");
        String uai = uai();
        // A concurrent sign-up with the same UAI commits while ours is talking to Keycloak.
        keycloak.afterNextCreateUser(() -> QuarkusTransaction.requiringNew().run(() -> Fixtures.execute("""
                INSERT INTO organisation (id, name, uai, street, postal_code, city, country, status, created_at)
                VALUES (?, 'Concurrent', ?, 'x', '75000', 'Paris', 'FR', 'PENDING_VERIFICATION', now())""",
                UUID.randomUUID(), uai)));

        signUp(signUpBody(email, uai, null)).then().statusCode(409)
                .body("type", equalTo("https://sessio.dev/problems/account-exists"));
        assertThat(keycloak.userByEmail(email)).as("compensated").isNull();
        assertThat(count("SELECT count(*) FROM member WHERE email = ?", email)).isZero();
        assertThat(count("SELECT count(*) FROM organisation WHERE uai = ?", uai)).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstAnswerAndCreatesOnce() {
        String uai = uai();
        Map<String, Object> body = signUpBody(email("idem"), uai, null);
        String key = UUID.randomUUID().toString();
        // Anonymous callers' keys are scoped to their address: both requests come from the same one.
        Response first = given().contentType("application/json").header("X-Forwarded-For", "10.200.0.1")
                .header("Idempotency-Key", key).body(body).post("/api/accounts/signup");
        Response second = given().contentType("application/json").header("X-Forwarded-For", "10.200.0.1")
                .header("Idempotency-Key", key).body(body).post("/api/accounts/signup");

        first.then().statusCode(201);
        second.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(second.jsonPath().getString("organisationId"))
                .isEqualTo(first.jsonPath().getString("organisationId"));
        assertThat(count("SELECT count(*) FROM organisation WHERE uai = ?", uai)).isEqualTo(1);
    }
}
