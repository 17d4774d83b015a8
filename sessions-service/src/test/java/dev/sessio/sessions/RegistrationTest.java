package dev.sessio.sessions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.sessio.sessions.Api.as;
import static dev.sessio.sessions.Api.newTrainer;
import static dev.sessio.sessions.Api.ops;
import static dev.sessio.sessions.Api.problem;
import static dev.sessio.sessions.Api.register;
import static dev.sessio.sessions.Api.registered;
import static dev.sessio.sessions.Api.scheduled;
import static dev.sessio.sessions.Api.schoolAdmin;
import static dev.sessio.sessions.Api.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Step 1 of the saga and the refusals that answer at once (no tokens event needed). */
@QuarkusTest
class RegistrationTest {

    static final Instant SOON = Instant.parse("2026-11-16T09:00:00Z");

    @Inject
    TestClock clock;
    @Inject
    Events events;

    @BeforeEach
    void startOfNovember() {
        clock.reset();
    }

    @Test
    void aSchoolRegistersAndGetsAPendingRegistrationThatStartsTheSaga() {
        UUID sessionId = scheduled(SOON);
        UUID org = UUID.randomUUID();
        Response answer = register(sessionId, schoolAdmin(org));
        answer.then().statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("organisationId", equalTo(org.toString()))
                .body("session.id", equalTo(sessionId.toString()))
                .body("session.startsAt", equalTo("2026-11-16T10:00:00+01:00"))
                .body("joinUrl", nullValue());
        String id = answer.jsonPath().getString("id");
        assertThat(answer.header("Location")).endsWith("/api/registrations/" + id);

        List<Events.Recorded> requested = events.recorded("RegistrationRequested", "registrationId", id);
        assertThat(requested).hasSize(1);
        assertThat(requested.get(0).key()).isEqualTo(sessionId.toString());
        assertThat(requested.get(0).payload().get("organisationId").asText()).isEqualTo(org.toString());
        assertThat(requested.get(0).payload().get("requestedBy").asText()).isEqualTo("admin-" + org);
        assertThat(requested.get(0).payload().get("sessionStartsAt").asText()).isEqualTo("2026-11-16T09:00:00Z");

        as(Api.schoolStaff(org)).get("/api/registrations/" + id).then().statusCode(200)
                .body("status", equalTo("PENDING"));
        as(schoolAdmin(UUID.randomUUID())).get("/api/registrations/" + id).then().statusCode(404)
                .body("type", equalTo(problem("not-found")));
        as(schoolAdmin(org)).get("/api/registrations/" + UUID.randomUUID()).then().statusCode(404);
        as(ops()).get("/api/registrations/" + id).then().statusCode(200);
        Api.as(Api.schoolStaff(org)).get("/api/sessions/" + sessionId).then().body("placesLeft", nullValue());
    }

    @Test
    void theSameIdempotencyKeyReplaysAndASecondRegistrationOfTheOrganisationIsRefused() {
        UUID sessionId = scheduled(SOON);
        UUID org = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Response first = as(schoolAdmin(org)).header("Idempotency-Key", key)
                .post("/api/sessions/" + sessionId + "/registrations");
        Response replay = as(schoolAdmin(org)).header("Idempotency-Key", key)
                .post("/api/sessions/" + sessionId + "/registrations");
        first.then().statusCode(202);
        replay.then().statusCode(202).header("Idempotent-Replayed", "true");
        assertThat(replay.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(events.recorded("RegistrationRequested", "sessionId", sessionId)).hasSize(1);

        register(sessionId, schoolAdmin(org)).then().statusCode(409)
                .body("type", equalTo(problem("already-registered")))
                .body("registrationId", equalTo(first.jsonPath().getString("id")));
        // The same key on another session is another request.
        as(schoolAdmin(org)).header("Idempotency-Key", key)
                .post("/api/sessions/" + scheduled(SOON) + "/registrations").then().statusCode(422);
    }

    @Test
    void onlySchoolAdminsAndPartnersOfAnOrganisationRegister() {
        UUID sessionId = scheduled(SOON);
        UUID org = UUID.randomUUID();
        String partner = dev.sessio.testing.TestTokens.user("svc-partner-" + org).org(org).roles("partner")
                .client("partner-" + org).bearer();
        register(sessionId, partner).then().statusCode(202);
        register(sessionId, Api.schoolStaff(UUID.randomUUID())).then().statusCode(403);
        register(sessionId, dev.sessio.testing.TestTokens.user("lonely").roles("school-admin").bearer())
                .then().statusCode(403);
        register(UUID.randomUUID(), schoolAdmin(org)).then().statusCode(404);
    }

    @Test
    void fullClosedCancelledAndPastSessionsAnswer409WithTheirOwnType() {
        Map<String, Object> small = session(newTrainer(), SOON, 60);
        small.put("capacity", 1);
        UUID full = scheduled(small);
        registered(full, UUID.randomUUID());
        register(full, schoolAdmin(UUID.randomUUID())).then().statusCode(409)
                .body("type", equalTo(problem("session-full")));
        Api.as(ops()).get("/api/sessions/" + full).then().body("placesLeft", equalTo(0))
                .body("registrationOpen", equalTo(false));

        UUID cancelled = scheduled(SOON);
        as(ops()).body(Map.of()).post("/api/sessions/" + cancelled + "/cancel").then().statusCode(200);
        register(cancelled, schoolAdmin(UUID.randomUUID())).then().statusCode(409)
                .body("type", equalTo(problem("session-cancelled")));

        Map<String, Object> closing = session(newTrainer(), SOON, 60);
        closing.put("registrationClosesAt", SOON.minus(Duration.ofDays(2)).toString());
        UUID closed = scheduled(closing);
        UUID past = scheduled(SOON.minus(Duration.ofDays(1)));
        clock.set(SOON.minus(Duration.ofDays(1)).plusSeconds(1));
        register(closed, schoolAdmin(UUID.randomUUID())).then().statusCode(409)
                .body("type", equalTo(problem("registration-closed")));
        register(past, schoolAdmin(UUID.randomUUID())).then().statusCode(409)
                .body("type", equalTo(problem("session-past")));
    }

    @Test
    void membersListTheirOrganisationsUpcomingAndPastRegistrations() {
        UUID org = UUID.randomUUID();
        UUID early = scheduled(Instant.parse("2026-11-09T09:00:00Z"));
        UUID late = scheduled(Instant.parse("2026-11-19T09:00:00Z"));
        UUID earlyRegistration = registered(early, org);
        UUID lateRegistration = registered(late, org);
        registered(late, UUID.randomUUID()); // another school

        as(Api.schoolStaff(org)).queryParam("when", "upcoming").get("/api/registrations").then().statusCode(200)
                .body("items.id", equalTo(List.of(earlyRegistration.toString(), lateRegistration.toString())))
                .body("total", equalTo(2));
        as(Api.schoolStaff(org)).queryParam("when", "past").get("/api/registrations").then()
                .body("items", equalTo(List.of())).body("total", equalTo(0));

        clock.set(Instant.parse("2026-11-10T08:00:00Z")); // after the first one ended
        as(schoolAdmin(org)).get("/api/registrations").then()
                .body("items.id", equalTo(List.of(lateRegistration.toString())));
        as(schoolAdmin(org)).queryParam("when", "past").get("/api/registrations").then()
                .body("items.id", equalTo(List.of(earlyRegistration.toString())))
                .body("items[0].session.id", equalTo(early.toString()));
        as(schoolAdmin(org)).queryParam("when", "someday").get("/api/registrations").then().statusCode(400)
                .body("errors[0].field", equalTo("when"));
        as(Api.trainer(newTrainer())).get("/api/registrations").then().statusCode(403);
    }

    @Test
    void aPendingRegistrationCannotBeCancelledAndOnlyASchoolAdminCancels() {
        UUID org = UUID.randomUUID();
        UUID registration = registered(scheduled(SOON), org);
        as(schoolAdmin(org)).delete("/api/registrations/" + registration).then().statusCode(409)
                .body("type", equalTo(problem("registration-pending")));
        as(Api.schoolStaff(org)).delete("/api/registrations/" + registration).then().statusCode(403);
        as(schoolAdmin(UUID.randomUUID())).delete("/api/registrations/" + registration).then().statusCode(404);
    }
}
