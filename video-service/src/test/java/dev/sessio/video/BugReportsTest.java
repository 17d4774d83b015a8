package dev.sessio.video;

import dev.sessio.testing.KafkaTestClient;

import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.video.BugReported;
import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Bug reports by participants (→ BugReported), ops triage, feedback that tags nothing. */
@QuarkusTest
class BugReportsTest {

    static final String PROBLEM = "application/problem+json";

    @Test
    void aParticipantsReportKeepsWhatHelpsReproduceItAndTagsTheSession() {
        SessionScheduled session = Sessions.mentoring(SessionKind.MENTORING, Instant.now().plus(Duration.ofMinutes(30)), 60);
        String roomId = Sessions.scheduledWithRoom(session);
        String student = TestTokens.user(session.studentId()).roles("student").bearer();
        given().header("Authorization", student).contentType(ContentType.JSON)
                .body(Map.of("result", Map.of("video", Map.of("mos", 2.1, "bitrate", 120000), "audio", Map.of("mos", 3.9))))
                .post("/api/video/connection-test/results").then().statusCode(201);
        String connectionId = UUID.randomUUID().toString();
        VonageCallbacks.send(VonageCallbacks.connectionCreated(roomId, connectionId, session.studentId(), Instant.now()))
                .statusCode(204);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("category", "screen_sharing", "details", "Mon partage d'écran reste noir",
                "browser", "Mozilla/5.0 Firefox/140.0", "connectionIds", List.of("client-seen-id"));

        Response first = given().header("Authorization", student).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/video/rooms/" + session.sessionId() + "/bug-reports");
        Response replay = given().header("Authorization", student).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/video/rooms/" + session.sessionId() + "/bug-reports");

        first.then().statusCode(201)
                .body("category", equalTo("screen_sharing"))
                .body("phase", equalTo("BEFORE"))
                .body("providerSessionId", equalTo(roomId))
                .body("connectionIds", equalTo(List.of(connectionId, "client-seen-id")))
                .body("lastConnectionTest.video.mos", equalTo(2.1f))
                .body("browser", equalTo("Mozilla/5.0 Firefox/140.0"))
                .body("status", equalTo("OPEN"));
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        String id = first.jsonPath().getString("id");

        BugReported reported = KafkaTestClient.awaitOne(BugReported.class, session.sessionId());
        assertThat(reported.bugReportId().toString()).isEqualTo(id);
        assertThat(reported.reporterId()).isEqualTo(session.studentId());
        assertThat(reported.category()).isEqualTo(BugReported.Category.SCREEN_SHARING);
        assertThat(reported.phase()).isEqualTo(BugReported.Phase.BEFORE);
        assertThat(KafkaTestClient.published(BugReported.class, session.sessionId(), l -> l.size() > 1, Duration.ofSeconds(2)))
                .as("the replay emitted nothing").hasSize(1);
        given().header("Authorization", student).get(first.header("Location")).then().statusCode(200);
        given().header("Authorization", TestTokens.user(session.mentorId()).roles("mentor").bearer())
                .get(first.header("Location")).then().statusCode(404);
    }

    @Test
    void onlyParticipantsMayReportAndWhatTheySendIsChecked() {
        SessionScheduled webinar = Sessions.webinar(Instant.now().plus(Duration.ofDays(1)), 60);
        Sessions.scheduledWithRoom(webinar);
        UUID school = UUID.randomUUID();
        KafkaTestClient.publish(Sessions.confirmed(webinar, school), webinar.sessionId());
        KafkaTestClient.awaitOne(dev.sessio.events.video.JoinLinkIssued.class, webinar.sessionId());
        String staff = TestTokens.user("staff-" + UUID.randomUUID()).org(school).roles("school-staff").bearer();
        String otherSchool = TestTokens.user("staff-" + UUID.randomUUID()).org(UUID.randomUUID()).roles("school-staff").bearer();
        Map<String, Object> body = Map.of("category", "audio", "details", "On n'entend pas le formateur");

        report(otherSchool, webinar.sessionId(), body).statusCode(404).contentType(PROBLEM);
        report(staff, UUID.randomUUID(), body).statusCode(404);
        report(staff, webinar.sessionId(), Map.of("category", "sound", "details", "x")).statusCode(400)
                .body("errors.field", hasItem("category"));
        report(staff, webinar.sessionId(), Map.of("category", "audio", "details", "x".repeat(2001))).statusCode(400)
                .body("errors.field", hasItem("details"));
        report(staff, webinar.sessionId(), body).statusCode(201).body("organisationId", equalTo(school.toString()));
        report(TestTokens.user(webinar.trainerId()).roles("trainer").bearer(), webinar.sessionId(), body).statusCode(201);
    }

    @Test
    void opsListAndTriageReports() {
        SessionScheduled session = Sessions.mentoring(SessionKind.MENTORING, Instant.now().minus(Duration.ofMinutes(10)), 60);
        Sessions.scheduledWithRoom(session);
        String mentor = TestTokens.user(session.mentorId()).roles("mentor").bearer();
        String id = report(mentor, session.sessionId(), Map.of("category", "connection", "details", "Coupures"))
                .statusCode(201).body("phase", equalTo("DURING")).extract().path("id");
        String ops = TestTokens.user("ops-1").roles("ops").bearer();

        given().header("Authorization", ops).queryParam("status", "OPEN").queryParam("size", 100)
                .get("/api/video/bug-reports").then().statusCode(200).body("items.id", hasItem(id));
        given().header("Authorization", mentor).get("/api/video/bug-reports").then().statusCode(403);
        given().header("Authorization", ops).queryParam("size", 101).get("/api/video/bug-reports").then().statusCode(400);
        given().header("Authorization", ops).contentType(ContentType.JSON)
                .body(Map.of("status", "RESOLVED", "note", "Réseau de l'établissement"))
                .post("/api/video/bug-reports/" + id + "/triage").then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("triagedBy", equalTo("ops-1"));
        given().header("Authorization", mentor).contentType(ContentType.JSON).body(Map.of("status", "DISMISSED"))
                .post("/api/video/bug-reports/" + id + "/triage").then().statusCode(403);
        given().header("Authorization", mentor).get("/api/video/bug-reports/" + id).then().statusCode(200)
                .body("status", equalTo("RESOLVED"));
    }

    @Test
    void feedbackIsKeptAndTagsNothing() {
        SessionScheduled session = Sessions.mentoring(SessionKind.MENTORING, Instant.now().minus(Duration.ofMinutes(10)), 60);
        Sessions.scheduledWithRoom(session);
        String student = TestTokens.user(session.studentId()).roles("student").bearer();

        String location = given().header("Authorization", student).contentType(ContentType.JSON)
                .body(Map.of("sessionId", session.sessionId().toString(), "rating", 4, "message", "Bonne qualité"))
                .post("/api/video/feedback").then().statusCode(201).extract().header("Location");
        given().header("Authorization", student).get(location).then().statusCode(200).body("rating", equalTo(4));
        given().header("Authorization", student).contentType(ContentType.JSON).body(Map.of("rating", 6, "message", ""))
                .post("/api/video/feedback").then().statusCode(400);
        assertThat(KafkaTestClient.published(BugReported.class, session.sessionId(), l -> !l.isEmpty(), Duration.ofSeconds(2)))
                .isEmpty();
    }

    private static io.restassured.response.ValidatableResponse report(String token, UUID sessionId, Map<String, Object> body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .post("/api/video/rooms/" + sessionId + "/bug-reports").then();
    }
}
