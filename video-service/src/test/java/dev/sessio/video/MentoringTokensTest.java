package dev.sessio.video;

import dev.sessio.testing.KafkaTestClient;

import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Only the session's mentor (moderator) and student (publisher) get a token; everybody else a 404. */
@QuarkusTest
class MentoringTokensTest {

    @Test
    void theMentorModeratesAndTheStudentPublishes() throws Exception {
        SessionScheduled session = Sessions.mentoring(SessionKind.MENTORING, Instant.now().plus(Duration.ofMinutes(5)), 45);
        String roomId = Sessions.scheduledWithRoom(session);

        JwtClaims mentor = VonageTokens.verified(token(session, TestTokens.user(session.mentorId()).roles("mentor"))
                .statusCode(200).body("role", equalTo("MODERATOR")).body("sessionId", equalTo(roomId))
                .extract().path("token"));
        JwtClaims student = VonageTokens.verified(token(session, TestTokens.user(session.studentId()).roles("student"))
                .statusCode(200).body("role", equalTo("PUBLISHER")).extract().path("token"));

        assertThat(mentor.getClaimValueAsString("role")).isEqualToIgnoringCase("moderator");
        assertThat(mentor.getClaimValueAsString("session_id")).isEqualTo(roomId);
        assertThat(student.getClaimValueAsString("role")).isEqualToIgnoringCase("publisher");
        Map<?, ?> data = KafkaTestClient.JSON.readValue(student.getClaimValueAsString("connection_data"), Map.class);
        assertThat(data.get("participantId")).isEqualTo(session.studentId());
        assertThat(data.get("role")).isEqualTo("student");
    }

    @Test
    void anybodyElseGetsTheSame404AsForAnUnknownSession() {
        SessionScheduled session = Sessions.mentoring(SessionKind.DEFENCE, Instant.now().plus(Duration.ofMinutes(5)), 45);
        Sessions.scheduledWithRoom(session);

        String otherMentor = token(session, TestTokens.user("mentor-" + UUID.randomUUID()).roles("mentor"))
                .statusCode(404).contentType("application/problem+json").extract().path("detail");
        token(session, TestTokens.user("ops-1").roles("ops")).statusCode(404);
        token(session, TestTokens.user("jury-1").roles("jury")).statusCode(404);
        String unknown = given().header("Authorization", TestTokens.user(session.mentorId()).roles("mentor").bearer())
                .post("/api/video/rooms/" + UUID.randomUUID() + "/token").then().statusCode(404).extract().path("detail");
        assertThat(otherMentor.replaceAll("[0-9a-f-]{36}", "ID")).isEqualTo(unknown.replaceAll("[0-9a-f-]{36}", "ID"));
        given().post("/api/video/rooms/" + session.sessionId() + "/token").then().statusCode(401);
    }

    @Test
    void aWebinarHasNoMentoringTokens() {
        SessionScheduled webinar = Sessions.webinar(Instant.now().plus(Duration.ofMinutes(5)), 60);
        Sessions.scheduledWithRoom(webinar);
        token(webinar, TestTokens.user(webinar.trainerId()).roles("trainer")).statusCode(404);
    }

    private static ValidatableResponse token(SessionScheduled session, TestTokens who) {
        return given().header("Authorization", who.bearer())
                .post("/api/video/rooms/" + session.sessionId() + "/token").then();
    }
}
