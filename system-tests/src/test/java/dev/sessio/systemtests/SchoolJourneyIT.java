package dev.sessio.systemtests;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * A school's journey through the gateway with real Keycloak tokens: sign up, confirm the email from the link the
 * platform mailed, buy 2 tokens by purchase order approved by ops, register to 2 sessions (both confirmed, balance
 * 0), be refused a third with insufficient-tokens, cancel one more than 48 h ahead and get the token back.
 */
class SchoolJourneyIT {

    static final Duration SAGA = Duration.ofSeconds(60);

    @Test
    void aSchoolSignsUpBuysTokensRegistersAndCancels() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "admin-" + suffix + "@ecole-e2e.test";
        String password = "Journey-pass-2026!";

        // Sign up and confirm the email with the link the platform sent.
        String organisationId = gateway().contentType(ContentType.JSON).body(Map.of(
                        "organisation", Map.of("name", "École Journey " + suffix,
                                "address", Map.of("street", "1 rue de l'École", "postalCode", "75001",
                                        "city", "Paris", "country", "FR")),
                        "admin", Map.of("email", email, "password", password, "firstName", "Anne",
                                "lastName", "Martin"),
                        "acceptTerms", true, "locale", "fr"))
                .post("/api/accounts/signup")
                .then().statusCode(201).body("status", equalTo("PENDING_VERIFICATION"))
                .extract().path("organisationId");
        String confirmation = Mailbox.awaitMessage(email, "token=", Duration.ofSeconds(60));
        gateway().contentType(ContentType.JSON).body(Map.of("token", Mailbox.token(confirmation)))
                .post("/api/accounts/verify").then().statusCode(200);

        String school = "Bearer " + Platform.login(email, password);
        assertThat(Platform.claims(school.substring(7)).getString("org_id")).isEqualTo(organisationId);

        // Two tokens by purchase order, approved by ops.
        String orderId = gateway().header("Authorization", school).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("quantity", 2, "paymentMethod", "PURCHASE_ORDER",
                        "purchaseOrderReference", "BC-" + suffix,
                        "billing", Map.of("name", "École Journey " + suffix, "address", "1 rue de l'École",
                                "postcode", "75001", "city", "Paris", "country", "FR")))
                .post("/api/tokens/orders")
                .then().statusCode(201).body("status", equalTo("AWAITING_APPROVAL")).extract().path("id");
        String ops = Platform.bearer("ops@sessio.test");
        gateway().header("Authorization", ops).post("/api/tokens/orders/" + orderId + "/approve")
                .then().statusCode(200);
        await().atMost(SAGA).until(() -> balance(school) == 2);

        // Three sessions in the catalogue, ten days ahead.
        String trainerId = Platform.claims(Platform.login("trainer@sessio.test", Platform.DEMO_PASSWORD)).getString("sub");
        String theme = gateway().get("/api/sessions/themes").then().statusCode(200).extract().path("[0].name");
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).plusDays(10).truncatedTo(ChronoUnit.HOURS);
        List<String> sessions = List.of(0, 3, 6).stream()
                .map(h -> schedule(ops, theme, trainerId, base.plusHours(h), suffix + "-" + h)).toList();

        // Two registrations, both confirmed by the saga; the balance is then 0.
        // The POST answers the saga's decision when it comes within the wait: 201 CONFIRMED, else 202 PENDING.
        String first = register(school, sessions.get(0)).then().statusCode(anyOf(is(201), is(202)))
                .extract().path("id");
        String second = register(school, sessions.get(1)).then().statusCode(anyOf(is(201), is(202)))
                .extract().path("id");
        await().atMost(SAGA).until(() -> status(school, first).equals("CONFIRMED") && status(school, second).equals("CONFIRMED"));
        assertThat(balance(school)).isZero();

        // A third is refused at once.
        register(school, sessions.get(2)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/insufficient-tokens"));

        // Cancelling ten days ahead gives the token back.
        gateway().header("Authorization", school).delete("/api/registrations/" + first)
                .then().statusCode(200).body("refundable", equalTo(true));
        await().atMost(SAGA).until(() -> balance(school) == 1);
        assertThat(status(school, first)).isEqualTo("CANCELLED");
        assertThat(status(school, second)).isEqualTo("CONFIRMED");
    }

    static RequestSpecification gateway() {
        return given().baseUri(Platform.GATEWAY);
    }

    static String schedule(String ops, String theme, String trainerId, OffsetDateTime startsAt, String suffix) {
        return gateway().header("Authorization", ops).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("title", "Webinar " + suffix, "theme", theme,
                        "description", "End-to-end", "startsAt", startsAt.toString(), "durationMinutes", 60,
                        "trainerId", trainerId))
                .post("/api/sessions").then().statusCode(201).extract().path("id");
    }

    static Response register(String school, String sessionId) {
        return gateway().header("Authorization", school).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).post("/api/sessions/" + sessionId + "/registrations");
    }

    static String status(String school, String registrationId) {
        return gateway().header("Authorization", school).get("/api/registrations/" + registrationId)
                .then().statusCode(200).extract().path("status");
    }

    static int balance(String school) {
        return gateway().header("Authorization", school).get("/api/tokens/balance")
                .then().statusCode(200).extract().path("available");
    }
}
