package dev.sessio.accounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.sessio.accounts.Fixtures.anonymous;
import static dev.sessio.accounts.Fixtures.count;
import static dev.sessio.accounts.Fixtures.email;
import static dev.sessio.accounts.Fixtures.events;
import static dev.sessio.accounts.Fixtures.latestEvent;
import static dev.sessio.accounts.Fixtures.signUp;
import static dev.sessio.accounts.Fixtures.signUpBody;
import static dev.sessio.accounts.Fixtures.uai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class VerificationTest {

    @Inject
    InMemoryIdentityProvider keycloak;

    @AfterEach
    void reset() {
        keycloak.reset();
    }

    record Pending(String organisationId, String email, String token) {
    }

    Pending pending() {
        String email = email("pending");
        String id = signUp(signUpBody(email, uai(), null)).then().statusCode(201).extract().jsonPath()
                .getString("organisationId");
        return new Pending(id, email, latestEvent("OrganisationRegistered", id).get("confirmationToken").asText());
    }

    static io.restassured.response.Response verify(String token) {
        return anonymous().body(Map.of("token", token)).post("/api/accounts/verify");
    }

    @Test
    void confirmingActivatesTheAccountAndTheUserAndEmitsOrganisationVerified() {
        Pending p = pending();
        verify(p.token()).then().statusCode(200).body("status", equalTo("ACTIVE"))
                .body("organisationId", equalTo(p.organisationId()));

        InMemoryIdentityProvider.User user = keycloak.userByEmail(p.email());
        assertThat(user.enabled).isTrue();
        assertThat(user.emailVerified).isTrue();
        assertThat(latestEvent("OrganisationVerified", p.organisationId()).get("adminEmail").asText())
                .isEqualTo(p.email());
        assertThat(count("SELECT count(*) FROM member WHERE email = ? AND status = 'ACTIVE'", p.email()))
                .isEqualTo(1);
    }

    @Test
    void aTokenWorksOnce() {
        Pending p = pending();
        verify(p.token()).then().statusCode(200);
        verify(p.token()).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/token-already-used"));
        assertThat(events("OrganisationVerified", p.organisationId())).hasSize(1);
    }

    @Test
    void unknownAndExpiredTokensAnswer400WithTheirOwnType() {
        verify("no-such-token-" + UUID.randomUUID()).then().statusCode(400)
                .body("type", equalTo("https://sessio.dev/problems/token-unknown"));
        verify("").then().statusCode(400).body("errors[0].field", equalTo("token"));

        Pending p = pending();
        Fixtures.execute("UPDATE action_token SET expires_at = now() - interval '1 second' WHERE member_id = "
                + "(SELECT id FROM member WHERE email = ?)", p.email());
        verify(p.token()).then().statusCode(400)
                .body("type", equalTo("https://sessio.dev/problems/token-expired"));
        assertThat(keycloak.userByEmail(p.email()).enabled).isFalse();
    }

    @Test
    void aKeycloakOutageLeavesTheTokenUsable() {
        Pending p = pending();
        keycloak.failNext("activateUser");
        verify(p.token()).then().statusCode(503);
        assertThat(count("SELECT count(*) FROM organisation WHERE id = ? AND status = 'PENDING_VERIFICATION'",
                UUID.fromString(p.organisationId()))).isEqualTo(1);
        verify(p.token()).then().statusCode(200);
    }

    @Test
    void resendAlways202sAndOnlyPendingAdminsGetANewLinkThatReplacesTheOldOne() {
        anonymous().body(Map.of("email", email("nobody"))).post("/api/accounts/verify/resend")
                .then().statusCode(202);

        Pending p = pending();
        anonymous().body(Map.of("email", p.email().toUpperCase())).post("/api/accounts/verify/resend")
                .then().statusCode(202);
        var registered = events("OrganisationRegistered", p.organisationId());
        assertThat(registered).hasSize(2);
        assertThat(registered.get(1).get("resend").asBoolean()).isTrue();
        String fresh = registered.get(1).get("confirmationToken").asText();
        assertThat(fresh).isNotEqualTo(p.token());

        verify(p.token()).then().statusCode(400)
                .body("type", equalTo("https://sessio.dev/problems/token-already-used"));
        verify(fresh).then().statusCode(200);

        anonymous().body(Map.of("email", p.email())).post("/api/accounts/verify/resend").then().statusCode(202);
        assertThat(events("OrganisationRegistered", p.organisationId())).as("active: no new link").hasSize(2);
    }

    @Test
    void resendRefusesAnInvalidEmail() {
        anonymous().body(Map.of("email", "nope")).post("/api/accounts/verify/resend").then().statusCode(400)
                .body("errors[0].field", equalTo("email"));
    }
}
