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
import static dev.sessio.sessions.Api.schedule;
import static dev.sessio.sessions.Api.scheduled;
import static dev.sessio.sessions.Api.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CatalogueTest {

    @Inject
    TestClock clock;
    @Inject
    Events events;

    @BeforeEach
    void startOfNovember() {
        clock.reset();
    }

    @Test
    void opsScheduleASessionStoredInUtcShownInParisTimeAndAnnouncedBySessionScheduled() {
        String trainer = newTrainer();
        Map<String, Object> body = session(trainer, Instant.parse("2026-11-20T09:00:00Z"), 90);
        body.put("theme", "ecoledirecte");
        body.put("capacity", 10);
        Response created = schedule(body);
        created.then().statusCode(201)
                .body("startsAt", equalTo("2026-11-20T10:00:00+01:00"))
                .body("endsAt", equalTo("2026-11-20T11:30:00+01:00"))
                .body("registrationClosesAt", equalTo("2026-11-20T10:00:00+01:00"))
                .body("theme", equalTo("EcoleDirecte"))
                .body("placesLeft", equalTo(10))
                .body("registrationOpen", equalTo(true))
                .body("status", equalTo("SCHEDULED"))
                .body("sequence", equalTo(0));
        String id = created.jsonPath().getString("id");
        assertThat(created.header("Location")).endsWith("/api/sessions/" + id);

        given().get("/api/sessions/" + id).then().statusCode(200)
                .body("title", equalTo("EcoleDirecte : les bases")).body("trainerId", equalTo(trainer));

        List<Events.Recorded> scheduled = events.recorded("SessionScheduled", "sessionId", id);
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.get(0).key()).isEqualTo(id);
        assertThat(scheduled.get(0).payload().get("kind").asText()).isEqualTo("WEBINAR");
        assertThat(scheduled.get(0).payload().get("startsAt").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(scheduled.get(0).payload().get("capacity").asInt()).isEqualTo(10);
        assertThat(scheduled.get(0).payload().get("trainerId").asText()).isEqualTo(trainer);
    }

    @Test
    void aTrainerSchedulesOnlyTheirOwnSessionsAndSchoolsCannotSchedule() {
        String trainer = newTrainer();
        Map<String, Object> mine = session(null, Instant.parse("2026-11-21T09:00:00Z"), 60);
        as(Api.trainer(trainer)).body(mine).post("/api/sessions").then().statusCode(201)
                .body("trainerId", equalTo(trainer));

        Map<String, Object> forAnother = session(newTrainer(), Instant.parse("2026-11-22T09:00:00Z"), 60);
        as(Api.trainer(trainer)).body(forAnother).post("/api/sessions").then().statusCode(403);
        as(Api.schoolAdmin(UUID.randomUUID())).body(forAnother).post("/api/sessions").then().statusCode(403);
        given().contentType("application/json").body(forAnother).post("/api/sessions").then().statusCode(401);
    }

    @Test
    void invalidSessionsAreRefusedWithTheFieldAtFault() {
        String trainer = newTrainer();
        Instant later = Instant.parse("2026-11-23T09:00:00Z");

        schedule(session(trainer, TestClock.START.minus(Duration.ofHours(1)), 60)).then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo(problem("starts-in-past")));

        schedule(session(trainer, later, 45)).then().statusCode(400)
                .body("errors[0].field", equalTo("durationMinutes"));

        Map<String, Object> unknownTheme = session(trainer, later, 60);
        unknownTheme.put("theme", "Minecraft");
        schedule(unknownTheme).then().statusCode(400).body("errors[0].field", equalTo("theme"));

        Map<String, Object> noTitle = session(trainer, later, 60);
        noTitle.remove("title");
        schedule(noTitle).then().statusCode(400).body("errors.field", hasItem("title"));

        Map<String, Object> closesAfterStart = session(trainer, later, 60);
        closesAfterStart.put("registrationClosesAt", later.plusSeconds(60).toString());
        schedule(closesAfterStart).then().statusCode(400).body("errors[0].field", equalTo("registrationClosesAt"));

        as(ops()).body(session(null, later, 60)).post("/api/sessions").then().statusCode(400)
                .body("errors[0].field", equalTo("trainerId"));
    }

    @Test
    void overlappingSessionsOfOneTrainerAreRefused() {
        String trainer = newTrainer();
        Instant start = Instant.parse("2026-11-24T09:00:00Z");
        UUID first = scheduled(session(trainer, start, 90));

        schedule(session(trainer, start.plus(Duration.ofMinutes(60)), 60)).then().statusCode(409)
                .body("type", equalTo(problem("trainer-unavailable")))
                .body("conflictingSessionId", equalTo(first.toString()));
        schedule(session(trainer, start.minus(Duration.ofMinutes(30)), 60)).then().statusCode(409);
        // Back to back is fine, and another trainer at the same time too.
        schedule(session(trainer, start.plus(Duration.ofMinutes(90)), 60)).then().statusCode(201);
        schedule(session(newTrainer(), start, 60)).then().statusCode(201);
        // A cancelled session frees its slot.
        as(ops()).body(Map.of()).post("/api/sessions/" + first + "/cancel").then().statusCode(200);
        schedule(session(trainer, start, 60)).then().statusCode(201);
    }

    @Test
    void theCatalogueShowsTheCurrentAndNextMonthByDefaultWithoutCancelledSessions() {
        String theme = "Theme-" + UUID.randomUUID().toString().substring(0, 8);
        as(ops()).body(Map.of("name", theme)).post("/api/sessions/themes").then().statusCode(201);
        given().get("/api/sessions/themes").then().statusCode(200).body("name", hasItem(theme));

        UUID november = scheduledWithTheme(theme, "2026-11-10T09:00:00Z");
        UUID lateDecember = scheduledWithTheme(theme, "2026-12-31T21:00:00Z"); // 22:00 in Paris, still December
        UUID january = scheduledWithTheme(theme, "2027-01-05T09:00:00Z");
        UUID cancelled = scheduledWithTheme(theme, "2026-11-12T09:00:00Z");
        as(ops()).body(Map.of("reason", "trainer ill")).post("/api/sessions/" + cancelled + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));

        List<String> shown = given().queryParam("theme", theme).get("/api/sessions/catalogue")
                .then().statusCode(200).body("total", equalTo(2)).extract().jsonPath().getList("items.id");
        assertThat(shown).containsExactly(november.toString(), lateDecember.toString());

        given().queryParam("theme", theme).queryParam("from", "2027-01-01").queryParam("to", "2027-01-31")
                .get("/api/sessions/catalogue").then().statusCode(200).body("items.id", equalTo(List.of(january.toString())));
        given().queryParam("theme", theme).queryParam("size", 1).queryParam("page", 1)
                .get("/api/sessions/catalogue").then().statusCode(200)
                .body("items.id", equalTo(List.of(lateDecember.toString()))).body("total", equalTo(2));
        given().queryParam("size", 101).get("/api/sessions/catalogue").then().statusCode(400);
        given().queryParam("from", "tomorrow").get("/api/sessions/catalogue").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().get("/api/sessions/" + cancelled).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancellationReason", equalTo("trainer ill"))
                .body("registrationOpen", equalTo(false));

        // A retired theme takes no new session.
        given().header("Authorization", ops()).delete("/api/sessions/themes/" + theme).then().statusCode(204);
        Map<String, Object> body = session(newTrainer(), Instant.parse("2026-11-25T09:00:00Z"), 60);
        body.put("theme", theme);
        schedule(body).then().statusCode(400).body("errors[0].field", equalTo("theme"));
        given().get("/api/sessions/themes").then().body("name", not(hasItem(theme)));
    }

    @Test
    void registrationClosesAtTheConfiguredTimeAndTheCatalogueSaysSo() {
        Instant start = Instant.parse("2026-11-26T09:00:00Z");
        Map<String, Object> body = session(newTrainer(), start, 60);
        body.put("registrationClosesAt", "2026-11-25T18:00:00+01:00");
        UUID id = scheduled(body);
        given().get("/api/sessions/" + id).then().body("registrationOpen", equalTo(true))
                .body("placesLeft", nullValue());
        clock.set(Instant.parse("2026-11-25T17:00:00Z"));
        given().get("/api/sessions/" + id).then().body("registrationOpen", equalTo(false));
    }

    @Test
    void opsRescheduleWithAnIncreasingSequenceAndTheClosingTimeMovesAlong() {
        String trainer = newTrainer();
        Instant start = Instant.parse("2026-11-27T09:00:00Z");
        Map<String, Object> body = session(trainer, start, 60);
        body.put("registrationClosesAt", start.minus(Duration.ofDays(1)).toString());
        UUID id = scheduled(body);

        as(ops()).body(Map.of("startsAt", "2026-11-30T14:00:00+01:00", "durationMinutes", 90))
                .post("/api/sessions/" + id + "/reschedule").then().statusCode(200)
                .body("startsAt", equalTo("2026-11-30T14:00:00+01:00"))
                .body("registrationClosesAt", equalTo("2026-11-29T14:00:00+01:00"))
                .body("durationMinutes", equalTo(90)).body("sequence", equalTo(1));
        as(ops()).body(Map.of("startsAt", "2026-12-01T14:00:00+01:00", "durationMinutes", 60))
                .post("/api/sessions/" + id + "/reschedule").then().statusCode(200).body("sequence", equalTo(2));

        List<Events.Recorded> moves = events.recorded("SessionRescheduled", "sessionId", id);
        assertThat(moves).extracting(m -> m.payload().get("sequence").asInt()).containsExactly(1, 2);
        assertThat(moves.get(1).payload().get("previousStartsAt").asText()).isEqualTo("2026-11-30T13:00:00Z");
        assertThat(moves.get(1).payload().get("startsAt").asText()).isEqualTo("2026-12-01T13:00:00Z");

        as(Api.trainer(trainer)).body(Map.of("startsAt", "2026-12-02T14:00:00+01:00", "durationMinutes", 60))
                .post("/api/sessions/" + id + "/reschedule").then().statusCode(403);
        as(ops()).body(Map.of("startsAt", "2026-11-01T14:00:00+01:00", "durationMinutes", 60))
                .post("/api/sessions/" + id + "/reschedule").then().statusCode(422);
        UUID other = scheduled(session(trainer, Instant.parse("2026-12-03T09:00:00Z"), 60));
        as(ops()).body(Map.of("startsAt", "2026-12-03T10:30:00+01:00", "durationMinutes", 60))
                .post("/api/sessions/" + id + "/reschedule").then().statusCode(409)
                .body("conflictingSessionId", equalTo(other.toString()));
        as(ops()).body(Map.of()).post("/api/sessions/" + id + "/cancel").then().statusCode(200);
        as(ops()).body(Map.of("startsAt", "2026-12-04T14:00:00+01:00", "durationMinutes", 60))
                .post("/api/sessions/" + id + "/reschedule").then().statusCode(409)
                .body("type", equalTo(problem("session-cancelled")));
        as(ops()).body(Map.of()).post("/api/sessions/" + id + "/cancel").then().statusCode(409);
        as(ops()).body(Map.of()).post("/api/sessions/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
        assertThat(events.recorded("SessionCancelled", "sessionId", id)).hasSize(1);
    }

    @Test
    void aTrainerSeesTheirSessionsWithTheRegisteredOrganisations() {
        String trainer = newTrainer();
        UUID id = scheduled(session(trainer, Instant.parse("2026-11-28T09:00:00Z"), 60));
        scheduled(session(newTrainer(), Instant.parse("2026-11-28T09:00:00Z"), 60));
        UUID org = UUID.randomUUID();
        UUID registration = Api.registered(id, org);

        as(Api.trainer(trainer)).get("/api/sessions/mine").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].session.id", equalTo(id.toString()))
                .body("items[0].registrations[0].organisationId", equalTo(org.toString()))
                .body("items[0].registrations[0].registrationId", equalTo(registration.toString()))
                .body("items[0].session.placesLeft", nullValue());
        as(Api.trainer(trainer)).get("/api/sessions/" + id + "/registrations").then().statusCode(200)
                .body("organisationId", equalTo(List.of(org.toString())));
        as(Api.trainer(newTrainer())).get("/api/sessions/" + id + "/registrations").then().statusCode(404);
        as(ops()).get("/api/sessions/" + id + "/registrations").then().statusCode(200);
        as(Api.schoolAdmin(org)).get("/api/sessions/mine").then().statusCode(403);
    }

    private static UUID scheduledWithTheme(String theme, String startsAt) {
        Map<String, Object> body = session(newTrainer(), Instant.parse(startsAt), 60);
        body.put("theme", theme);
        return scheduled(body);
    }
}
