package dev.sessio.systemtests.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessio.systemtests.Mailbox;
import dev.sessio.systemtests.Platform;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.sessio.systemtests.journeys.Journey.MAIL;
import static dev.sessio.systemtests.journeys.Journey.SAGA;
import static dev.sessio.systemtests.journeys.Journey.as;
import static dev.sessio.systemtests.journeys.Journey.creating;
import static dev.sessio.systemtests.journeys.Journey.gateway;
import static dev.sessio.systemtests.journeys.Journey.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Issue #10, mentoring: ops create a mentor and a student (who choose their passwords from the emailed link), the
 * mentor plans a defence, both are invited, both get Vonage room tokens, the recording becomes available to the
 * jury and not to the student, a bug report tags the session EXCEPTION, a report without recorded video needs a
 * reason, and the mentor's billing statement pays the defence in full.
 */
class MentoringJourneyIT {

    record Person(String userId, String email, String password) {
        String bearer() {
            return "Bearer " + Platform.login(email, password);
        }
    }

    @AfterEach
    void realTimeAgain() {
        PlatformClock.reset();
    }

    @Test
    void aDefenceIsPlannedHeldRecordedForTheJuryReportedAndBilled() {
        String ops = ops();
        Person mentor = create(ops, "mentor");
        Person student = create(ops, "student");

        // --- The mentor plans a defence 10 minutes ahead; both get the invitation.
        OffsetDateTime startsAt = Journey.inFuture(Duration.ofMinutes(10));
        String title = "Soutenance " + Journey.suffix();
        String sessionId = creating(mentor.bearer(), Map.of("studentId", student.userId(), "startsAt", startsAt.toString(),
                        "durationMinutes", 60, "kind", "DEFENCE", "title", title))
                .post("/api/mentoring/sessions").then().statusCode(201).extract().path("id");
        for (Person participant : List.of(mentor, student)) {
            await().atMost(MAIL).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    as(participant.bearer()).get("/api/notifications").then().statusCode(200)
                            .body("items.kind", hasItem("MENTORING_PLANNED")));
        }
        // ... and by email with the calendar invite: the mentor at their token's address, the student at the one
        // accounts-service announced (MentoringUserCreated).
        for (Person participant : List.of(mentor, student)) {
            Mailbox.Mail invite = Mailbox.awaitMail(participant.email(),
                    m -> m.calendars().stream().anyMatch(ics -> ics.contains(sessionId)), MAIL);
            assertThat(invite.calendars().get(0)).contains("METHOD:REQUEST");
        }
        as(student.bearer()).get("/api/mentoring/sessions/" + sessionId).then().statusCode(200)
                .body("kind", equalTo("DEFENCE"));

        // --- Both get a token for the Vonage room (once video-service has created it at the stub).
        Response mentorAccess = await().atMost(SAGA).pollInterval(Duration.ofMillis(500))
                .until(() -> as(mentor.bearer()).post("/api/video/rooms/" + sessionId + "/token"), r -> r.statusCode() == 200);
        assertThat((String) mentorAccess.path("role")).isEqualTo("MODERATOR");
        String roomId = mentorAccess.path("sessionId");
        JsonNode mentorClaims = Vonage.verifiedClientToken(mentorAccess.path("token"));
        assertThat(mentorClaims.path("session_id").asText()).isEqualTo(roomId);
        assertThat(mentorClaims.path("role").asText()).isEqualTo("moderator");
        Response studentAccess = as(student.bearer()).post("/api/video/rooms/" + sessionId + "/token")
                .then().statusCode(200).body("role", equalTo("PUBLISHER")).body("sessionId", equalTo(roomId))
                .extract().response();
        assertThat(Vonage.verifiedClientToken(studentAccess.path("token")).path("role").asText()).isEqualTo("publisher");
        as(Platform.bearer("jury@sessio.test")).post("/api/video/rooms/" + sessionId + "/token").then().statusCode(404);

        // --- The mentor records; Vonage reports the archive available: the jury may watch it, the student may not.
        String location = as(mentor.bearer()).post("/api/video/rooms/" + sessionId + "/recordings")
                .then().statusCode(201).extract().header("Location");
        String recordingPath = location.substring(location.indexOf("/api/video/recordings/"));
        String jury = Platform.bearer("jury@sessio.test");
        as(jury).get(recordingPath).then().statusCode(409);
        String archiveId = await().atMost(Duration.ofSeconds(10)).until(() -> Vonage.startedArchive(roomId), Optional::isPresent).orElseThrow();
        Vonage.send(Vonage.archive(roomId, archiveId, "stopped", 2712, null)).then().statusCode(204);
        Vonage.send(Vonage.archive(roomId, archiveId, "available", 2712,
                "https://archives.vonage.test/" + archiveId + ".mp4")).then().statusCode(204);
        as(jury).get(recordingPath).then().statusCode(200)
                .body("sessionId", equalTo(sessionId)).body("durationSeconds", equalTo(2712))
                .body("downloadUrl", equalTo("https://archives.vonage.test/" + archiveId + ".mp4?expires=600"));
        as(student.bearer()).get(recordingPath).then().statusCode(404);
        as(Platform.bearer("admin.a@ecole-a.test")).get(recordingPath).then().statusCode(404);
        // Announced to those who may watch it: the mentor and the jury, not the student (issue #15).
        await().atMost(MAIL).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(mentor.bearer()).get("/api/notifications").then().body("items.kind", hasItem("RECORDING_AVAILABLE")));
        Mailbox.Mail toJury = Mailbox.awaitMail("jury@sessio.dev",
                m -> m.subjectContains("Enregistrement disponible : " + title), MAIL);
        assertThat(toJury.text()).contains("45 min", "/enregistrements/" + recordingPath.substring(recordingPath.lastIndexOf('/') + 1));
        // The mentor's entry and the student's would have been written together: its absence now is final.
        as(student.bearer()).get("/api/notifications").then().statusCode(200)
                .body("items.kind", not(hasItem("RECORDING_AVAILABLE")));
        assertThat(Mailbox.mails(student.email())).noneMatch(m -> m.subjectContains("Enregistrement disponible"));
        // The jury finds the defence and its recording in the list, by session and by period.
        as(jury).get("/api/video/recordings?sessionId=" + sessionId).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].title", equalTo(title))
                .body("items[0].recordings[0].link", equalTo(recordingPath))
                .body("items[0].recordings[0].durationSeconds", equalTo(2712))
                .body("items[0].recordings[0].availableUntil", notNullValue());
        as(jury).get("/api/video/recordings?size=100&from=" + startsAt.minusMinutes(1).toInstant() + "&to="
                        + startsAt.plusMinutes(1).toInstant()).then().statusCode(200)
                .body("items.sessionId", hasItem(sessionId));
        as(student.bearer()).get("/api/video/recordings").then().statusCode(403);

        // --- The student reports a bug: the session is tagged EXCEPTION.
        creating(student.bearer(), Map.of("category", "audio", "details", "Le son coupe toutes les 30 secondes",
                        "browser", "Firefox 140"))
                .post("/api/video/rooms/" + sessionId + "/bug-reports").then().statusCode(201);
        await().atMost(SAGA).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(mentor.bearer()).get("/api/mentoring/sessions/" + sessionId).then().statusCode(200)
                        .body("tags", hasItem("EXCEPTION")));

        // --- After the defence: no recorded video use, so the report needs a reason.
        Map<String, Object> completed = Map.of("status", "COMPLETED", "notes", "Soutenance tenue, jury satisfait");
        as(mentor.bearer()).contentType(ContentType.JSON).body(completed)
                .put("/api/mentoring/sessions/" + sessionId + "/report").then().statusCode(409)
                .body("type", equalTo("https://sessio.dev/problems/session-not-started"));
        Instant start = startsAt.toInstant();
        PlatformClock.moveTo(start.plus(Duration.ofMinutes(65)));
        as(mentor.bearer()).contentType(ContentType.JSON).body(completed)
                .put("/api/mentoring/sessions/" + sessionId + "/report").then().statusCode(422)
                .body("type", equalTo("https://sessio.dev/problems/video-not-used-reason-required"));
        as(mentor.bearer()).contentType(ContentType.JSON)
                .body(Map.of("status", "COMPLETED", "notes", "Soutenance tenue au téléphone",
                        "videoNotUsedReason", "OTHER", "videoNotUsedDetails", "Coupure réseau côté étudiant"))
                .put("/api/mentoring/sessions/" + sessionId + "/report").then().statusCode(200);
        as(mentor.bearer()).get("/api/mentoring/sessions/" + sessionId).then().statusCode(200)
                .body("report.status", equalTo("COMPLETED")).body("report.videoNotUsedReason", equalTo("OTHER"));

        // --- The statement: the defence, tagged EXCEPTION, is paid in full.
        String month = YearMonth.from(start.atZone(ZoneId.of("Europe/Paris"))).toString();
        Response statement = as(mentor.bearer()).queryParam("month", month).get("/api/mentoring/billing")
                .then().statusCode(200).extract().response();
        assertThat(statement.jsonPath().getList("lines.sessionId")).containsExactly(sessionId);
        assertThat(statement.jsonPath().getBoolean("lines[0].exception")).isTrue();
        assertThat(statement.jsonPath().getString("lines[0].kind")).isEqualTo("DEFENCE");
        assertThat(statement.jsonPath().getInt("lines[0].percent")).isEqualTo(100);
        assertThat(statement.jsonPath().getInt("lines[0].amount.amount")).isEqualTo(4500);
        assertThat(statement.jsonPath().getInt("total.amount")).isEqualTo(4500);
        String csv = as(mentor.bearer()).queryParam("month", month).queryParam("format", "csv").get("/api/mentoring/billing")
                .then().statusCode(200).extract().asString();
        assertThat(csv).contains(sessionId);
    }

    /** Ops create the account; the person sets a password from the emailed link, then logs in for real. */
    private static Person create(String ops, String role) {
        String email = role + "-" + Journey.suffix() + "@mentoring-journey.test";
        String key = UUID.randomUUID().toString();
        String userId = Journey.retryingOn504(() -> Journey.keyed(ops, key, Map.of("email", email, "firstName", "Camille",
                        "lastName", "Durand", "role", role, "locale", "fr"))
                .post("/api/accounts/ops/users")).then().statusCode(201).extract().path("user.userId");
        String reset = Mailbox.awaitMessage(email, "token=", MAIL);
        String password = "Mentoring-pass-2026!";
        gateway().contentType(ContentType.JSON).body(Map.of("token", Mailbox.token(reset), "newPassword", password))
                .post("/api/accounts/password-reset/confirm").then().statusCode(204);
        Person person = new Person(userId, email, password);
        assertThat(Platform.claims(person.bearer().substring(7)).getList("realm_access.roles")).contains(role);
        return person;
    }
}
