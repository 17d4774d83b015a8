package dev.sessio.sessions;

import dev.sessio.events.accounts.MentoringUserCreated;
import dev.sessio.events.accounts.PersonalDataErased;
import dev.sessio.events.video.BugReported;
import dev.sessio.events.video.VideoUsageRecorded;
import dev.sessio.sessions.domain.MentoringParticipant;
import dev.sessio.testing.KafkaTestClient;
import dev.sessio.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.sessio.sessions.Api.as;
import static dev.sessio.sessions.Api.mentor;
import static dev.sessio.sessions.Api.ops;
import static dev.sessio.sessions.Api.problem;
import static dev.sessio.sessions.Api.student;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class MentoringTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TestClock clock;
    @Inject
    Events events;

    final String mentorId = "mentor-" + UUID.randomUUID();
    final String studentId = "student-" + UUID.randomUUID();

    @BeforeEach
    void startOfNovember() {
        clock.reset();
    }

    @Test
    void aMentorPlansSessionsAndDefencesAnnouncedWithTheirKind() {
        Response planned = plan(mentorId, studentId, "2026-11-10T14:00:00Z", 45, "DEFENCE");
        planned.then().statusCode(201).body("kind", equalTo("DEFENCE")).body("title", equalTo("Defence"))
                .body("startsAt", equalTo("2026-11-10T15:00:00+01:00")).body("report", nullValue())
                .body("tags", equalTo(List.of()));
        String id = planned.jsonPath().getString("id");
        assertThat(planned.header("Location")).endsWith("/api/mentoring/sessions/" + id);

        List<Events.Recorded> scheduled = events.recorded("SessionScheduled", "sessionId", id);
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.get(0).key()).isEqualTo(id);
        assertThat(scheduled.get(0).payload().get("kind").asText()).isEqualTo("DEFENCE");
        assertThat(scheduled.get(0).payload().get("mentorId").asText()).isEqualTo(mentorId);
        assertThat(scheduled.get(0).payload().get("studentId").asText()).isEqualTo(studentId);

        plan(mentorId, studentId, "2026-11-10T14:30:00Z", 30, "MENTORING").then().statusCode(409)
                .body("type", equalTo(problem("mentor-unavailable")));
        plan(mentorId, studentId, "2026-11-01T14:30:00Z", 30, "MENTORING").then().statusCode(422)
                .body("type", equalTo(problem("starts-in-past")));
        plan(mentorId, studentId, "2026-11-11T14:30:00Z", 30, "WEBINAR").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        plan(mentorId, studentId, "2026-11-11T14:30:00Z", 5, "MENTORING").then().statusCode(400)
                .body("errors[0].field", equalTo("durationMinutes"));
        as(student(studentId)).body(planBody(studentId, "2026-11-12T14:00:00Z", 30, "MENTORING"))
                .post("/api/mentoring/sessions").then().statusCode(403);
    }

    @Test
    void mentorAndStudentSeeTheirOwnSessionsAndOpsSeeAll() {
        String id = planned(mentorId, studentId, "2026-11-10T09:00:00Z");
        String otherMentor = "mentor-" + UUID.randomUUID();
        String otherStudent = "student-" + UUID.randomUUID();
        String others = planned(otherMentor, otherStudent, "2026-11-10T09:00:00Z");

        as(mentor(mentorId)).get("/api/mentoring/sessions").then().statusCode(200)
                .body("items.id", equalTo(List.of(id))).body("total", equalTo(1));
        as(student(studentId)).get("/api/mentoring/sessions").then().body("items.id", equalTo(List.of(id)));
        as(student(studentId)).queryParam("from", "2026-11-11").get("/api/mentoring/sessions").then()
                .body("items", equalTo(List.of())).body("total", equalTo(0));
        as(student(studentId)).queryParam("to", "2026-11-10").get("/api/mentoring/sessions").then()
                .body("items.id", equalTo(List.of(id)));
        as(student(studentId)).get("/api/mentoring/sessions/" + id).then().statusCode(200);
        as(student(studentId)).get("/api/mentoring/sessions/" + others).then().statusCode(404);
        as(mentor(mentorId)).get("/api/mentoring/sessions/" + others).then().statusCode(404);
        // A mentor's filters cannot widen what they see.
        as(mentor(mentorId)).queryParam("mentorId", otherMentor).get("/api/mentoring/sessions").then()
                .body("items.id", equalTo(List.of(id)));
        as(ops()).queryParam("mentorId", otherMentor).get("/api/mentoring/sessions").then()
                .body("items.id", equalTo(List.of(others)));
        as(ops()).queryParam("studentId", studentId).get("/api/mentoring/sessions").then()
                .body("items.id", equalTo(List.of(id)));
        as(ops()).get("/api/mentoring/sessions/" + others).then().statusCode(200);
        as(Api.schoolAdmin(UUID.randomUUID())).get("/api/mentoring/sessions").then().statusCode(403);
    }

    @Test
    void aReportWithoutRecordedVideoUseNeedsAReason() {
        String id = planned(mentorId, studentId, "2026-11-10T09:00:00Z");
        report(mentorId, id, Map.of("status", "COMPLETED", "notes", "ok")).then().statusCode(409)
                .body("type", equalTo(problem("session-not-started")));

        clock.set(Instant.parse("2026-11-10T10:30:00Z"));
        report(mentorId, id, Map.of("status", "COMPLETED", "notes", "ok")).then().statusCode(422)
                .body("type", equalTo(problem("video-not-used-reason-required")))
                .body("detail", containsString("videoNotUsedReason"));
        report(mentorId, id, Map.of("status", "COMPLETED", "videoNotUsedReason", "OTHER")).then().statusCode(422);
        report("mentor-" + UUID.randomUUID(), id, Map.of("status", "COMPLETED", "videoNotUsedReason",
                "ACCOMMODATION_RQTH")).then().statusCode(404);
        report(mentorId, id, Map.of("status", "CANCELLED")).then().statusCode(400)
                .body("errors[0].field", equalTo("cancelledBy"));
        report(mentorId, id, Map.of("status", "DONE")).then().statusCode(400);

        report(mentorId, id, Map.of("status", "COMPLETED", "notes", "phone call", "videoNotUsedReason",
                "ACCOMMODATION_RQTH")).then().statusCode(200)
                .body("report.status", equalTo("COMPLETED"))
                .body("report.videoNotUsedReason", equalTo("ACCOMMODATION_RQTH"))
                .body("report.notes", equalTo("phone call"));
        List<Events.Recorded> reported = events.recorded("MentoringSessionReported", "sessionId", id);
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).key()).isEqualTo(id);
        assertThat(reported.get(0).payload().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(reported.get(0).payload().get("videoNotUsedReason").asText()).isEqualTo("ACCOMMODATION_RQTH");
        assertThat(reported.get(0).payload().get("videoUsed").isNull()).isTrue();
        assertThat(reported.get(0).payload().get("exception").asBoolean()).isFalse();
    }

    @Test
    void videoUsageGivesTheDurationAndABugReportTagsTheSessionExceptionOnce() {
        String id = planned(mentorId, studentId, "2026-11-10T09:00:00Z");
        UUID sessionId = UUID.fromString(id);
        events.send(new VideoUsageRecorded(sessionId, "vonage", true, Instant.parse("2026-11-10T09:02:00Z"),
                Instant.parse("2026-11-10T09:50:00Z"), 47, List.of(
                new VideoUsageRecorded.ParticipantUsage(mentorId, 48),
                new VideoUsageRecorded.ParticipantUsage(studentId, 47))), sessionId);
        BugReported bug = new BugReported(UUID.randomUUID(), sessionId, studentId, BugReported.Category.AUDIO,
                BugReported.Phase.DURING);
        String bugEvent = events.send(bug, sessionId);
        events.send(bugEvent, bug, sessionId); // redelivered

        await().atMost(WAIT).untilAsserted(() -> as(mentor(mentorId)).get("/api/mentoring/sessions/" + id).then()
                .body("videoMinutes", equalTo(47)).body("videoUsed", equalTo(true))
                .body("videoFirstJoinAt", equalTo("2026-11-10T10:02:00+01:00"))
                .body("tags", equalTo(List.of("EXCEPTION"))));

        clock.set(Instant.parse("2026-11-10T10:00:00Z"));
        report(mentorId, id, Map.of("status", "COMPLETED", "notes", "good")).then().statusCode(200);
        List<Events.Recorded> reported = events.recorded("MentoringSessionReported", "sessionId", id);
        assertThat(reported.get(0).payload().get("videoUsed").asBoolean()).isTrue();
        assertThat(reported.get(0).payload().get("exception").asBoolean()).isTrue();

        // The redelivered bug report was consumed once: a later event on the same key is applied, the count stays 1.
        events.send(new BugReported(UUID.randomUUID(), UUID.randomUUID(), "x", BugReported.Category.OTHER,
                BugReported.Phase.AFTER), sessionId);
        await().atMost(WAIT).until(() -> bugReports(sessionId) >= 1);
        assertThat(bugReports(sessionId)).isEqualTo(1);
    }

    @Test
    void theMonthlyStatementAppliesTheConfiguredRulesInJsonAndCsv() {
        String completed = planned(mentorId, studentId, "2026-11-03T09:00:00Z");
        String absent = planned(mentorId, studentId, "2026-11-04T09:00:00Z");
        String lateCancel = plannedDefence(mentorId, studentId, "2026-11-05T09:00:00Z");
        String earlyCancel = planned(mentorId, studentId, "2026-11-06T09:00:00Z");
        String bugged = planned(mentorId, studentId, "2026-11-07T09:00:00Z");
        String unreported = planned(mentorId, studentId, "2026-11-08T09:00:00Z");
        planned(mentorId, studentId, "2026-12-01T09:00:00Z"); // next month
        planned("mentor-" + UUID.randomUUID(), studentId, "2026-11-03T09:00:00Z"); // another mentor

        events.send(new BugReported(UUID.randomUUID(), UUID.fromString(bugged), mentorId,
                BugReported.Category.CONNECTION, BugReported.Phase.BEFORE), UUID.fromString(bugged));
        await().atMost(WAIT).untilAsserted(() -> as(mentor(mentorId)).get("/api/mentoring/sessions/" + bugged)
                .then().body("tags", hasItem("EXCEPTION")));

        clock.set(Instant.parse("2026-11-09T12:00:00Z"));
        Map<String, Object> noVideo = Map.of("videoNotUsedReason", "OTHER", "videoNotUsedDetails", "phone");
        report(mentorId, completed, with(noVideo, "status", "COMPLETED")).then().statusCode(200);
        report(mentorId, absent, with(noVideo, "status", "STUDENT_ABSENT")).then().statusCode(200);
        report(mentorId, lateCancel, Map.of("status", "CANCELLED", "cancelledBy", "STUDENT",
                "cancelledAt", "2026-11-05T08:00:00Z")).then().statusCode(200)
                .body("report.cancelledLate", equalTo(true));
        report(mentorId, earlyCancel, Map.of("status", "CANCELLED", "cancelledBy", "STUDENT",
                "cancelledAt", "2026-11-04T08:00:00Z")).then().statusCode(200)
                .body("report.cancelledLate", equalTo(false));
        report(mentorId, bugged, Map.of("status", "CANCELLED", "cancelledBy", "MENTOR")).then().statusCode(200);

        Response statement = as(mentor(mentorId)).queryParam("month", "2026-11").get("/api/mentoring/billing");
        statement.then().statusCode(200)
                .body("lines.sessionId", equalTo(List.of(completed, absent, lateCancel, earlyCancel, bugged, unreported)))
                .body("lines.rule", equalTo(List.of("COMPLETED", "STUDENT_ABSENT", "CANCELLED_LATE_BY_STUDENT",
                        "CANCELLED", "EXCEPTION", "NOT_REPORTED")))
                .body("lines.percent", equalTo(List.of(100, 50, 50, 0, 100, 0)))
                .body("lines.amount.amount", equalTo(List.of(3000, 1500, 2250, 0, 3000, 0)))
                .body("lines[4].exception", equalTo(true))
                .body("lines[5].status", equalTo("NOT_REPORTED"))
                .body("billableSessions", equalTo(4))
                .body("total.amount", equalTo(9750)).body("total.currency", equalTo("EUR"));
        // Mentors see only their own statement, whatever they ask.
        as(mentor("mentor-" + UUID.randomUUID())).queryParam("month", "2026-11").queryParam("mentorId", mentorId)
                .get("/api/mentoring/billing").then().body("lines", equalTo(List.of()));
        as(ops()).queryParam("month", "2026-11").queryParam("mentorId", mentorId).get("/api/mentoring/billing")
                .then().body("total.amount", equalTo(9750));

        String csv = as(mentor(mentorId)).header("Accept", "text/csv").queryParam("month", "2026-11")
                .get("/api/mentoring/billing").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        String[] rows = csv.split("\r\n");
        assertThat(rows).hasSize(8);
        assertThat(rows[0]).startsWith("sessionId,mentorId,studentId,kind,startsAt");
        assertThat(rows[3]).startsWith(lateCancel + "," + mentorId + "," + studentId + ",DEFENCE,2026-11-05T10:00:00+01:00")
                .contains(",CANCELLED_LATE_BY_STUDENT,50,true,22.50,EUR");
        assertThat(rows[7]).isEqualTo("TOTAL,,,,,,,,,,,4,97.50,EUR");
        as(mentor(mentorId)).queryParam("month", "2026-11").queryParam("format", "csv").get("/api/mentoring/billing")
                .then().statusCode(200).contentType(containsString("text/csv"));
        as(mentor(mentorId)).queryParam("month", "November").get("/api/mentoring/billing").then().statusCode(400);
        as(student(studentId)).get("/api/mentoring/billing").then().statusCode(403);
    }

    @Test
    void opsSeeSessionsNeedingALookAndAttendancePerStudent() {
        String longMentor = "mentor-" + UUID.randomUUID();
        String student2 = "student-" + UUID.randomUUID();
        String noVideo = planned(mentorId, studentId, "2026-11-03T09:00:00Z");
        String tooShort = planned(mentorId, studentId, "2026-11-04T09:00:00Z");
        String fine = planned(longMentor, student2, "2026-11-04T09:00:00Z");
        String absent = planned(longMentor, student2, "2026-11-05T09:00:00Z");
        String forgotten = planned(longMentor, student2, "2026-11-06T09:00:00Z");

        // Reported completed while the provider could not tell (external link), then no reason is asked.
        events.send(usage(noVideo, null, 0), UUID.fromString(noVideo));
        events.send(usage(tooShort, true, 20), UUID.fromString(tooShort));
        events.send(usage(fine, true, 58), UUID.fromString(fine));
        events.send(usage(absent, true, 0), UUID.fromString(absent));
        for (String id : List.of(noVideo, tooShort, fine, absent)) {
            await().atMost(WAIT).untilAsserted(() -> as(ops()).get("/api/mentoring/sessions/" + id).then()
                    .body("videoMinutes", not(nullValue())));
        }

        clock.set(Instant.parse("2026-11-09T12:00:00Z"));
        report(mentorId, noVideo, Map.of("status", "COMPLETED")).then().statusCode(200);
        report(mentorId, tooShort, Map.of("status", "COMPLETED")).then().statusCode(200);
        report(longMentor, fine, Map.of("status", "COMPLETED")).then().statusCode(200);
        report(longMentor, absent, Map.of("status", "STUDENT_ABSENT")).then().statusCode(200);

        Response attention = as(ops()).queryParam("from", "2026-11-01").queryParam("to", "2026-11-08")
                .get("/api/mentoring/needs-attention");
        attention.then().statusCode(200);
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        List<Map<String, Object>> items = attention.jsonPath().getList("$");
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked") Map<String, Object> session = (Map<String, Object>) item.get("session");
            @SuppressWarnings("unchecked") List<String> why = (List<String>) item.get("reasons");
            reasons.put((String) session.get("id"), why);
        }
        assertThat(reasons.get(noVideo)).containsExactly("COMPLETED_WITHOUT_VIDEO_OR_REASON", "DURATION_FAR_FROM_PLANNED");
        assertThat(reasons.get(tooShort)).containsExactly("DURATION_FAR_FROM_PLANNED");
        assertThat(reasons.get(forgotten)).containsExactly("NOT_REPORTED");
        assertThat(reasons).doesNotContainKeys(fine, absent);

        as(ops()).queryParam("from", "2026-11-01").queryParam("to", "2026-11-30").queryParam("studentId", student2)
                .get("/api/mentoring/attendance").then().statusCode(200)
                .body("studentId", equalTo(List.of(student2)))
                .body("[0].planned", equalTo(3)).body("[0].held", equalTo(1)).body("[0].missed", equalTo(1))
                .body("[0].cancelled", equalTo(0)).body("[0].notReported", equalTo(1));
        as(mentor(mentorId)).get("/api/mentoring/needs-attention").then().statusCode(403);
        as(mentor(mentorId)).get("/api/mentoring/attendance").then().statusCode(403);
        as(ops()).queryParam("from", "2026-11-01").queryParam("to", "2026-11-30").get("/api/mentoring/attendance")
                .then().body("studentId", hasItem(studentId)).body("studentId", not(hasItem("nobody")));
    }

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    private int bugReports(UUID sessionId) {
        try (var c = dataSource.getConnection();
             var rs = c.createStatement().executeQuery(
                     "SELECT bug_reports FROM mentoring_session WHERE id = '" + sessionId + "'")) {
            return rs.next() ? rs.getInt(1) : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static VideoUsageRecorded usage(String sessionId, Boolean used, int minutes) {
        return new VideoUsageRecorded(UUID.fromString(sessionId), used == null ? "external-link" : "vonage", used,
                null, null, minutes, List.of());
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> planBody(String studentId, String startsAt, int minutes, String kind) {
        return Map.of("studentId", studentId, "startsAt", startsAt, "durationMinutes", minutes, "kind", kind);
    }

    @Test
    void invitesGoToTheMentorsTokenEmailAndTheStudentsAddressFromAccountsUntilErased() {
        String studentEmail = "lea." + studentId + "@example.fr";
        MentoringUserCreated created = new MentoringUserCreated(studentId, MentoringUserCreated.Role.STUDENT,
                studentEmail, "Léa", "fr");
        String eventId = KafkaTestClient.publish(created, studentId);
        KafkaTestClient.publish(created, studentId, eventId); // redelivered: absorbed by the inbox
        await().atMost(WAIT).until(() -> studentEmailKnown().equals(studentEmail));

        String mentorToken = TestTokens.user(mentorId).roles("mentor").email("sam@sessio.dev").bearer();
        String id = as(mentorToken).body(planBody(studentId, "2026-11-20T14:00:00Z", 45, "MENTORING"))
                .post("/api/mentoring/sessions").then().statusCode(201).extract().path("id");
        var scheduled = events.recorded("SessionScheduled", "sessionId", id).get(0).payload();
        assertThat(scheduled.get("mentorEmail").asText()).isEqualTo("sam@sessio.dev");
        assertThat(scheduled.get("studentEmail").asText()).isEqualTo(studentEmail);

        KafkaTestClient.publish(new PersonalDataErased(studentId, null), studentId);
        await().atMost(WAIT).until(() -> studentEmailKnown().isEmpty());
        String later = as(mentorToken).body(planBody(studentId, "2026-11-21T14:00:00Z", 45, "MENTORING"))
                .post("/api/mentoring/sessions").then().statusCode(201).extract().path("id");
        assertThat(events.recorded("SessionScheduled", "sessionId", later).get(0).payload().get("studentEmail")
                .isNull()).isTrue();
    }

    private String studentEmailKnown() {
        return QuarkusTransaction.requiringNew().call(() -> MentoringParticipant.emailOf(studentId).orElse(""));
    }

    private static Response plan(String mentorId, String studentId, String startsAt, int minutes, String kind) {
        return as(mentor(mentorId)).body(planBody(studentId, startsAt, minutes, kind)).post("/api/mentoring/sessions");
    }

    private static String planned(String mentorId, String studentId, String startsAt) {
        return plan(mentorId, studentId, startsAt, 60, "MENTORING").then().statusCode(201).extract().path("id");
    }

    private static String plannedDefence(String mentorId, String studentId, String startsAt) {
        return plan(mentorId, studentId, startsAt, 60, "DEFENCE").then().statusCode(201).extract().path("id");
    }

    private static Response report(String mentorId, String sessionId, Map<String, Object> body) {
        return as(mentor(mentorId)).body(body).put("/api/mentoring/sessions/" + sessionId + "/report");
    }
}
