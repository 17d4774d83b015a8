package dev.sessio.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.sessio.accounts.Fixtures.anonymous;
import static dev.sessio.accounts.Fixtures.email;
import static dev.sessio.accounts.Fixtures.events;
import static dev.sessio.accounts.Fixtures.latestEvent;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class PasswordResetTest {

    @Inject
    InMemoryIdentityProvider keycloak;

    @AfterEach
    void reset() {
        keycloak.reset();
    }

    static io.restassured.response.Response requestReset(String email) {
        return anonymous().body(Map.of("email", email)).post("/api/accounts/password-reset");
    }

    static io.restassured.response.Response confirm(String token, String password) {
        return anonymous().body(Map.of("token", token, "newPassword", password))
                .post("/api/accounts/password-reset/confirm");
    }

    @Test
    void anUnknownEmailGets202AndNothingHappens() {
        long before = Fixtures.count("SELECT count(*) FROM outbox WHERE ce_type LIKE '%PasswordResetRequested%'");
        requestReset(email("nobody")).then().statusCode(202);
        assertThat(Fixtures.count("SELECT count(*) FROM outbox WHERE ce_type LIKE '%PasswordResetRequested%'"))
                .isEqualTo(before);
    }

    @Test
    void aKnownEmailGetsASingleUseOneHourTokenKeyedByUser() {
        Fixtures.School school = Fixtures.activeSchool();
        requestReset(school.adminEmail()).then().statusCode(202);
        JsonNode event = latestEvent("PasswordResetRequested", school.adminUserId());
        assertThat(event.get("email").asText()).isEqualTo(school.adminEmail());
        assertThat(Instant.parse(event.get("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(Duration.ofMinutes(5)));

        confirm(event.get("resetToken").asText(), "a-brand-new-passphrase").then().statusCode(204);
        InMemoryIdentityProvider.User user = keycloak.userByEmail(school.adminEmail());
        assertThat(user.password).isEqualTo("a-brand-new-passphrase");
        assertThat(user.logouts).as("other sessions ended").isPositive();

        confirm(event.get("resetToken").asText(), "yet-another-passphrase").then().statusCode(400)
                .body("type", equalTo("https://sessio.dev/problems/token-already-used"));
    }

    @Test
    void aWeakPasswordIsRefusedAndTheLinkStaysUsable() {
        Fixtures.School school = Fixtures.activeSchool();
        requestReset(school.adminEmail()).then().statusCode(202);
        String token = latestEvent("PasswordResetRequested", school.adminUserId()).get("resetToken").asText();

        confirm(token, "too-short").then().statusCode(400).body("errors[0].field", equalTo("newPassword"));
        confirm(token, "long-enough-passphrase").then().statusCode(204);
    }

    @Test
    void anExpiredOrReplacedLinkIsRefused() {
        Fixtures.School school = Fixtures.activeSchool();
        requestReset(school.adminEmail()).then().statusCode(202);
        String first = latestEvent("PasswordResetRequested", school.adminUserId()).get("resetToken").asText();
        requestReset(school.adminEmail()).then().statusCode(202);
        String second = latestEvent("PasswordResetRequested", school.adminUserId()).get("resetToken").asText();

        confirm(first, "long-enough-passphrase").then().statusCode(400)
                .body("type", equalTo("https://sessio.dev/problems/token-already-used"));
        Fixtures.execute("UPDATE action_token SET expires_at = now() - interval '1 second' WHERE purpose = "
                + "'PASSWORD_RESET' AND used_at IS NULL AND member_id = (SELECT id FROM member WHERE email = ?)",
                school.adminEmail());
        confirm(second, "long-enough-passphrase").then().statusCode(400)
                .body("type", equalTo("https://sessio.dev/problems/token-expired"));
    }

    @Test
    void requestsAreLimitedPerEmail() {
        Fixtures.School school = Fixtures.activeSchool();
        for (int i = 0; i < 3; i++) {
            requestReset(school.adminEmail()).then().statusCode(202);
        }
        requestReset(school.adminEmail()).then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/too-many-requests"));
        assertThat(events("PasswordResetRequested", school.adminUserId())).hasSize(3);
        // Also for unknown emails, so the limit says nothing about which accounts exist.
        String unknown = email("unknown");
        for (int i = 0; i < 3; i++) {
            requestReset(unknown).then().statusCode(202);
        }
        requestReset(unknown).then().statusCode(429);
    }

    @Test
    void requestsAreLimitedPerClientAddress() {
        for (int i = 0; i < 20; i++) {
            given().contentType("application/json").header("X-Forwarded-For", "192.0.2.77")
                    .body(Map.of("email", email("spray"))).post("/api/accounts/password-reset")
                    .then().statusCode(202);
        }
        given().contentType("application/json").header("X-Forwarded-For", "192.0.2.77")
                .body(Map.of("email", email("spray"))).post("/api/accounts/password-reset")
                .then().statusCode(429);
        given().contentType("application/json").header("X-Forwarded-For", "192.0.2.78")
                .body(Map.of("email", email("spray"))).post("/api/accounts/password-reset")
                .then().statusCode(202);
    }
}
