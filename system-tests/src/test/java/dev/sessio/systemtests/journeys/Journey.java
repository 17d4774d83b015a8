package dev.sessio.systemtests.journeys;

import dev.sessio.systemtests.Mailbox;
import dev.sessio.systemtests.Platform;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** What the journeys share: the gateway, fresh schools signed up for real, ops, webinars, registrations. */
final class Journey {

    /** Kafka round trips through two or three services, on a machine shared with other builds. */
    static final Duration SAGA = Duration.ofSeconds(60);
    static final Duration MAIL = Duration.ofSeconds(60);

    private Journey() {
    }

    static RequestSpecification gateway() {
        return given().baseUri(Platform.GATEWAY);
    }

    static RequestSpecification as(String bearer) {
        return gateway().header("Authorization", bearer);
    }

    /** A creating request: a fresh Idempotency-Key, JSON body. */
    static RequestSpecification creating(String bearer, Object body) {
        return keyed(bearer, UUID.randomUUID().toString(), body);
    }

    static RequestSpecification keyed(String bearer, String idempotencyKey, Object body) {
        return as(bearer).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON).body(body);
    }

    /**
     * Sends again, as a client does, while the gateway answers 504 (its upstream timeout is 10 s): on the shared
     * 2-core machine a service's first Stripe call, Keycloak admin call or PDF rendering can take longer. Only for
     * reads and for requests repeated with the same Idempotency-Key, which replay the first answer.
     */
    static Response retryingOn504(java.util.function.Supplier<Response> call) {
        Response response = call.get();
        for (int attempt = 1; attempt < 4 && response.statusCode() == 504; attempt++) {
            response = call.get();
        }
        return response;
    }

    static String ops() {
        return Platform.bearer("ops@sessio.test");
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A school that signed up through the gateway and confirmed its email with the link it was sent. */
    record School(String name, String email, String password, String organisationId) {

        static School signUp(String label) {
            String suffix = suffix();
            String name = "École " + label + " " + suffix;
            String email = "admin-" + suffix + "@" + label.toLowerCase().replaceAll("[^a-z]", "") + ".test";
            String password = "Journey-pass-2026!";
            String key = UUID.randomUUID().toString();
            String organisationId = retryingOn504(() -> gateway().header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body(Map.of(
                            "organisation", Map.of("name", name,
                                    "address", Map.of("street", "1 rue de l'École", "postalCode", "75001",
                                            "city", "Paris", "country", "FR")),
                            "admin", Map.of("email", email, "password", password, "firstName", "Anne",
                                    "lastName", "Martin"),
                            "acceptTerms", true, "locale", "fr"))
                    .post("/api/accounts/signup"))
                    .then().statusCode(201).body("status", equalTo("PENDING_VERIFICATION"))
                    .extract().path("organisationId");
            String confirmation = Mailbox.awaitMessage(email, "token=", MAIL);
            gateway().contentType(ContentType.JSON).body(Map.of("token", Mailbox.token(confirmation)))
                    .post("/api/accounts/verify").then().statusCode(200).body("status", equalTo("ACTIVE"));
            School school = new School(name, email, password, organisationId);
            assertThat(Platform.claims(school.bearer().substring(7)).getString("org_id")).isEqualTo(organisationId);
            return school;
        }

        /** A fresh Keycloak token each time: journeys outlive an access token. */
        String bearer() {
            return "Bearer " + Platform.login(email, password);
        }

        int balance() {
            return as(bearer()).get("/api/tokens/balance").then().statusCode(200).extract().path("available");
        }

        void awaitBalance(int expected) {
            await().atMost(SAGA).pollInterval(Duration.ofMillis(500)).until(() -> balance() == expected);
        }

        Response register(String sessionId) {
            String bearer = bearer();
            String key = UUID.randomUUID().toString();
            return retryingOn504(() -> keyed(bearer, key, Map.of()).post("/api/sessions/" + sessionId + "/registrations"));
        }

        /** Registers and waits until the saga has confirmed (token debited). */
        String registerConfirmed(String sessionId) {
            // The POST waits for the saga's decision: 201 CONFIRMED, or 202 PENDING when it takes longer.
            Response answer = register(sessionId);
            answer.then().statusCode(anyOf(is(201), is(202)))
                    .body("status", answer.statusCode() == 201 ? equalTo("CONFIRMED") : equalTo("PENDING"));
            String id = answer.path("id");
            await().atMost(SAGA).pollInterval(Duration.ofMillis(500)).until(() -> "CONFIRMED".equals(registration(id).path("status")));
            return id;
        }

        Response registration(String id) {
            return as(bearer()).get("/api/registrations/" + id).then().statusCode(200).extract().response();
        }

        void grant(int quantity) {
            String ops = ops();
            String key = UUID.randomUUID().toString();
            retryingOn504(() -> keyed(ops, key, Map.of("organisationId", organisationId, "quantity", quantity,
                    "reason", "journey")).post("/api/tokens/grants")).then().statusCode(201);
        }
    }

    /**
     * A webinar scheduled by ops. Each gets its own trainer id: sessions-service refuses overlapping sessions of
     * one trainer, and the journeys must not depend on what other suites scheduled for the demo trainer.
     */
    static String scheduleWebinar(String title, OffsetDateTime startsAt) {
        String theme = gateway().get("/api/sessions/themes").then().statusCode(200).extract().path("[0].name");
        String ops = ops();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("title", title, "theme", theme, "description", "End-to-end journey",
                "startsAt", startsAt.toString(), "durationMinutes", 60, "trainerId", UUID.randomUUID().toString());
        return retryingOn504(() -> keyed(ops, key, body).post("/api/sessions")).then().statusCode(201).extract().path("id");
    }

    /** Real time plus {@code ahead}, whole minutes, UTC. */
    static OffsetDateTime inFuture(Duration ahead) {
        return OffsetDateTime.ofInstant(Instant.now().plus(ahead), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    }
}
