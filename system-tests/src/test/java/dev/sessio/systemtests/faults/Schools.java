package dev.sessio.systemtests.faults;

import dev.sessio.systemtests.KeycloakAdmin;
import dev.sessio.systemtests.Mailbox;
import dev.sessio.systemtests.Platform;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/**
 * Organisations made for a fault test: a Keycloak school-admin user per organisation (admin API, new org_id),
 * tokens granted by ops, webinars scheduled by ops. All through the gateway except the Keycloak admin calls.
 */
final class Schools {

    static final String PASSWORD = "Fault-pass-2026!";

    /** An organisation's id and its admin's access token. */
    record School(UUID organisationId, String email, String bearer) {
    }

    private Schools() {
    }

    static RequestSpecification gateway() {
        return given().baseUri(Platform.GATEWAY);
    }

    /** A new organisation: its school-admin user in Keycloak (email verified, org_id = a new UUID), logged in. */
    static School newSchool(String label) {
        UUID organisationId = UUID.randomUUID();
        String email = label + "-" + organisationId.toString().substring(0, 8) + "@faults.test";
        KeycloakAdmin.createSchoolAdmin(email, PASSWORD, "Fault", "School", organisationId);
        return new School(organisationId, email, "Bearer " + Platform.login(email, PASSWORD));
    }

    /** Sign-up through accounts-service (which mails the confirmation link); returns the new organisation's id. */
    static UUID signUp(String email) {
        String key = UUID.randomUUID().toString();
        String organisationId = Retry.http(() -> gateway().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("organisation", Map.of("name", "École " + email,
                                "address", Map.of("street", "1 rue des Pannes", "postalCode", "75001",
                                        "city", "Paris", "country", "FR")),
                        "admin", Map.of("email", email, "password", PASSWORD, "firstName", "Fault",
                                "lastName", "School"),
                        "acceptTerms", true, "locale", "fr"))
                .post("/api/accounts/signup"), 201).path("organisationId");
        return UUID.fromString(organisationId);
    }

    /** A school as a user meets it: signed up, email confirmed from the mailed link, logged in. */
    static School signedUpSchool(String label) {
        String email = label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@faults.test";
        UUID organisationId = signUp(email);
        String confirmation = Mailbox.awaitMessage(email, "token=", Duration.ofSeconds(60));
        gateway().contentType(ContentType.JSON).body(Map.of("token", Mailbox.token(confirmation)))
                .post("/api/accounts/verify").then().statusCode(200);
        return new School(organisationId, email, "Bearer " + Platform.login(email, PASSWORD));
    }

    /** Ops grants tokens (one Idempotency-Key, retried on a gateway or service error). */
    static void grant(String ops, UUID organisationId, int quantity) {
        String key = UUID.randomUUID().toString();
        Retry.http(() -> gateway().header("Authorization", ops).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("organisationId", organisationId.toString(), "quantity", quantity, "reason", "fault test"))
                .post("/api/tokens/grants"), 201);
    }

    /** A webinar by ops, at a random free slot 30–300 days ahead (the trainer may not be double-booked). */
    static String webinar(String ops, String label) {
        String trainerId = trainerId();
        String theme = gateway().get("/api/sessions/themes").then().statusCode(200).extract().path("[0].name");
        for (int attempt = 0; attempt < 20; attempt++) {
            OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS)
                    .plusHours(ThreadLocalRandom.current().nextInt(30 * 24, 300 * 24));
            String key = UUID.randomUUID().toString();
            Response response = Retry.send(() -> gateway().header("Authorization", ops).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body(Map.of("title", "Fault " + label, "theme", theme,
                            "description", "Fault injection", "startsAt", startsAt.toString(), "durationMinutes", 60,
                            "trainerId", trainerId))
                    .post("/api/sessions"));
            if (response.statusCode() == 201) {
                return response.path("id");
            }
            if (response.statusCode() != 409) {
                throw new AssertionError("scheduling failed: " + response.statusCode() + " " + response.asString());
            }
        }
        throw new AssertionError("no free slot for the trainer");
    }

    private static String trainerId;
    private static String opsBearer;
    private static long opsBearerAt;

    private static synchronized String trainerId() {
        if (trainerId == null) {
            trainerId = Platform.claims(Platform.login("trainer@sessio.test", Platform.DEMO_PASSWORD)).getString("sub");
        }
        return trainerId;
    }

    /** The demo ops user's token, reused for 3 minutes (it lives 5; each login costs a slow password hash). */
    static synchronized String ops() {
        if (opsBearer == null || System.currentTimeMillis() - opsBearerAt > 180_000) {
            opsBearer = Platform.bearer("ops@sessio.test");
            opsBearerAt = System.currentTimeMillis();
        }
        return opsBearer;
    }
}
