package dev.sessio.video;

import dev.sessio.testing.KafkaTestClient;

import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.video.RecordingAvailable;
import dev.sessio.testing.TestTokens;
import dev.sessio.video.domain.Recording;
import dev.sessio.video.domain.Recordings;
import dev.sessio.video.domain.UsageReports;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A defence's recording: started on first publish, stopped at the end, announced, downloaded, deleted. */
@QuarkusTest
class RecordingsTest {

    static final String ARCHIVES = "/v2/project/" + VonageStub.APPLICATION_ID + "/archive";

    @Inject
    TestClock clock;
    @Inject
    UsageReports usageReports;
    @Inject
    Recordings recordings;

    @AfterEach
    void realTime() {
        clock.reset();
        VonageCallbacks.now = Instant::now;
    }

    @Test
    void aDefenceIsRecordedFromItsFirstPublishToItsEndThenKeptForTheJuryUntilRetentionEnds() {
        VonageCallbacks.now = clock::instant;
        SessionScheduled defence = Sessions.mentoring(SessionKind.DEFENCE, Instant.now().plus(Duration.ofMinutes(5)), 45);
        String roomId = Sessions.scheduledWithRoom(defence);
        String connection = UUID.randomUUID().toString();

        VonageCallbacks.send(VonageCallbacks.streamCreated(roomId, connection, Instant.now())).statusCode(204);
        VonageCallbacks.send(VonageCallbacks.streamCreated(roomId, UUID.randomUUID().toString(), Instant.now()))
                .statusCode(204);
        String mentor = TestTokens.user(defence.mentorId()).roles("mentor").bearer();
        given().header("Authorization", mentor).post("/api/video/rooms/" + defence.sessionId() + "/recordings")
                .then().statusCode(201).body("status", equalTo("STARTED"));

        VonageStub.server().verify(1, postRequestedFor(urlEqualTo(ARCHIVES))
                .withRequestBody(equalToJson("{\"sessionId\":\"" + roomId + "\"}", true, true)));
        Recording recording = recordingOf(defence.sessionId());
        assertThat(recording.status).isEqualTo(Recording.Status.STARTED);

        clock.runFrom(defence.startsAt().plus(Duration.ofMinutes(45 + 31)));
        usageReports.recordEndedSessions();
        VonageStub.server().verify(1, postRequestedFor(urlEqualTo(ARCHIVES + "/" + recording.archiveId + "/stop")));
        assertThat(recordingOf(defence.sessionId()).status).isEqualTo(Recording.Status.STOPPED);

        String available = VonageCallbacks.archive(roomId, recording.archiveId, "available", 2712,
                "https://archives.vonage.test/" + recording.archiveId + ".mp4");
        VonageCallbacks.send(available).statusCode(204);
        VonageCallbacks.send(available).statusCode(204);

        RecordingAvailable announced = KafkaTestClient.awaitOne(RecordingAvailable.class, defence.sessionId());
        assertThat(announced.recordingId()).isEqualTo(recording.id);
        assertThat(announced.durationSeconds()).isEqualTo(2712);
        assertThat(announced.availableUntil()).isCloseTo(clock.instant().plus(Duration.ofDays(365)), within(Duration.ofMinutes(5)));
        assertThat(KafkaTestClient.published(RecordingAvailable.class, defence.sessionId(), l -> l.size() > 1, Duration.ofSeconds(2)))
                .hasSize(1);

        for (String allowed : List.of(mentor, TestTokens.user("jury-" + UUID.randomUUID()).roles("jury").bearer(),
                TestTokens.user("ops-1").roles("ops").bearer())) {
            given().header("Authorization", allowed).get("/api/video/recordings/" + recording.id).then().statusCode(200)
                    .body("downloadUrl", equalTo("https://archives.vonage.test/" + recording.archiveId + ".mp4?expires=600"))
                    .body("durationSeconds", equalTo(2712));
        }
        for (String refused : List.of(TestTokens.user(defence.studentId()).roles("student").bearer(),
                TestTokens.user("mentor-" + UUID.randomUUID()).roles("mentor").bearer())) {
            given().header("Authorization", refused).get("/api/video/recordings/" + recording.id).then().statusCode(404);
        }

        clock.runFrom(announced.availableUntil().plus(Duration.ofDays(1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            recordings.deleteExpired();
            return recordingOf(defence.sessionId()).status == Recording.Status.DELETED;
        });
        VonageStub.server().verify(1, deleteRequestedFor(urlEqualTo(ARCHIVES + "/" + recording.archiveId)));
        given().header("Authorization", mentor).get("/api/video/recordings/" + recording.id).then().statusCode(409);
    }

    @Test
    void onlyTheMentorOfADefenceMayStartARecording() {
        SessionScheduled mentoring = Sessions.mentoring(SessionKind.MENTORING, Instant.now().plus(Duration.ofMinutes(5)), 45);
        Sessions.scheduledWithRoom(mentoring);
        SessionScheduled defence = Sessions.mentoring(SessionKind.DEFENCE, Instant.now().plus(Duration.ofMinutes(5)), 45);
        Sessions.scheduledWithRoom(defence);

        given().header("Authorization", TestTokens.user(mentoring.mentorId()).roles("mentor").bearer())
                .post("/api/video/rooms/" + mentoring.sessionId() + "/recordings").then().statusCode(409)
                .body("type", equalTo("https://sessio.dev/problems/not-recordable"));
        given().header("Authorization", TestTokens.user(defence.studentId()).roles("student").bearer())
                .post("/api/video/rooms/" + defence.sessionId() + "/recordings").then().statusCode(404);
        given().header("Authorization", TestTokens.user("jury-1").roles("jury").bearer())
                .get("/api/video/recordings/" + UUID.randomUUID()).then().statusCode(404);
    }

    private static Recording recordingOf(UUID sessionId) {
        return QuarkusTransaction.requiringNew().call(() ->
                Recording.<Recording>find("sessionId", sessionId).firstResult());
    }
}
