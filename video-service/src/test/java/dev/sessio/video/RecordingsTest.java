package dev.sessio.video;

import dev.sessio.testing.KafkaTestClient;

import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.video.RecordingAvailable;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
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
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A defence's recording: started on first publish, stopped at the end, announced, downloaded, deleted; its status
 * never goes back whatever the order of callbacks and closing; the jury and ops find it in a list.
 */
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

    @Test
    void vonageStoppingTheArchiveWhenEverybodyLeftThenTheRoomClosingKeepsItAvailable() {
        VonageCallbacks.now = clock::instant;
        SessionScheduled defence = Sessions.mentoring(SessionKind.DEFENCE, Instant.now().plus(Duration.ofMinutes(5)), 45);
        String roomId = Sessions.scheduledWithRoom(defence);
        VonageCallbacks.send(VonageCallbacks.streamCreated(roomId, UUID.randomUUID().toString(), Instant.now())).statusCode(204);
        Recording recording = awaitRecording(defence.sessionId());
        String url = "https://archives.vonage.test/" + recording.archiveId + ".mp4";

        // Production's order: everybody leaves, Vonage stops and processes the archive, then the room closes.
        VonageCallbacks.send(VonageCallbacks.archive(roomId, recording.archiveId, "stopped", 2712, null)).statusCode(204);
        VonageCallbacks.send(VonageCallbacks.archive(roomId, recording.archiveId, "available", 2712, url)).statusCode(204);
        // Late or retried callbacks of earlier states change nothing.
        VonageCallbacks.send(VonageCallbacks.archive(roomId, recording.archiveId, "started", 0, null)).statusCode(204);
        VonageCallbacks.send(VonageCallbacks.archive(roomId, recording.archiveId, "stopped", 2711, null)).statusCode(204);
        VonageCallbacks.send(VonageCallbacks.archive(roomId, recording.archiveId, "failed", 2712, null)).statusCode(204);
        clock.runFrom(defence.startsAt().plus(Duration.ofMinutes(45 + 31)));
        Sessions.awaitRoom(defence.sessionId(), room -> {
            usageReports.recordEndedSessions();
            return room.usageRecordedAt != null;
        });

        assertThat(recordingOf(defence.sessionId()).status).isEqualTo(Recording.Status.AVAILABLE);
        VonageStub.server().verify(0, postRequestedFor(urlEqualTo(ARCHIVES + "/" + recording.archiveId + "/stop")));
        assertViewable(defence, recording);
    }

    @Test
    void aRecordingThatBecomesAvailableWhileTheRoomsClosingStopsItStaysAvailable() throws Exception {
        VonageCallbacks.now = clock::instant;
        SessionScheduled defence = Sessions.mentoring(SessionKind.DEFENCE, Instant.now().plus(Duration.ofMinutes(5)), 45);
        String roomId = Sessions.scheduledWithRoom(defence);
        VonageCallbacks.send(VonageCallbacks.streamCreated(roomId, UUID.randomUUID().toString(), Instant.now())).statusCode(204);
        Recording recording = awaitRecording(defence.sessionId());
        String stop = ARCHIVES + "/" + recording.archiveId + "/stop";
        // Vonage answers the stop slowly; its "available" callback arrives before the answer.
        StubMapping slowStop = VonageStub.server().stubFor(post(urlEqualTo(stop)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + recording.archiveId + "\",\"status\":\"stopped\",\"createdAt\":1700000000000}")
                        .withFixedDelay(3000)));
        try {
            clock.runFrom(defence.startsAt().plus(Duration.ofMinutes(45 + 31)));
            CompletableFuture<Integer> closing = CompletableFuture.supplyAsync(usageReports::recordEndedSessions);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    !VonageStub.server().findAll(postRequestedFor(urlEqualTo(stop))).isEmpty());
            VonageCallbacks.send(VonageCallbacks.archive(roomId, recording.archiveId, "available", 2712,
                    "https://archives.vonage.test/" + recording.archiveId + ".mp4")).statusCode(204);
            closing.get(30, TimeUnit.SECONDS);
            Sessions.awaitRoom(defence.sessionId(), room -> room.usageRecordedAt != null);
        } finally {
            VonageStub.server().removeStub(slowStop);
        }

        assertThat(recordingOf(defence.sessionId()).status).isEqualTo(Recording.Status.AVAILABLE);
        assertViewable(defence, recording);
    }

    @Test
    void theJuryAndOpsListDefencesWithTheirRecordingsBySessionAndPeriod() {
        VonageCallbacks.now = clock::instant;
        Instant day = Instant.now().plus(Duration.ofDays(400 + new java.util.Random().nextInt(2000))).truncatedTo(ChronoUnit.DAYS);
        SessionScheduled recorded = Sessions.mentoring(SessionKind.DEFENCE, day.plus(Duration.ofHours(9)), 45);
        SessionScheduled notRecorded = Sessions.mentoring(SessionKind.DEFENCE, day.plus(Duration.ofHours(14)), 45);
        SessionScheduled mentoring = Sessions.mentoring(SessionKind.MENTORING, day.plus(Duration.ofHours(11)), 45);
        SessionScheduled nextDay = Sessions.mentoring(SessionKind.DEFENCE, day.plus(Duration.ofHours(33)), 45);
        String roomId = Sessions.scheduledWithRoom(recorded);
        Sessions.scheduledWithRoom(notRecorded);
        Sessions.scheduledWithRoom(mentoring);
        Sessions.scheduledWithRoom(nextDay);
        VonageCallbacks.send(VonageCallbacks.streamCreated(roomId, UUID.randomUUID().toString(), Instant.now())).statusCode(204);
        Recording recording = awaitRecording(recorded.sessionId());
        VonageCallbacks.send(VonageCallbacks.archive(roomId, recording.archiveId, "available", 2712,
                "https://archives.vonage.test/" + recording.archiveId + ".mp4")).statusCode(204);
        Instant until = KafkaTestClient.awaitOne(RecordingAvailable.class, recorded.sessionId()).availableUntil();

        String jury = TestTokens.user("jury-" + UUID.randomUUID()).roles("jury").bearer();
        String period = "?from=" + day + "&to=" + day.plus(Duration.ofDays(1));
        given().header("Authorization", jury).get("/api/video/recordings" + period).then().statusCode(200)
                .body("total", equalTo(2)).body("page", equalTo(0)).body("size", equalTo(20))
                .body("items.sessionId", contains(notRecorded.sessionId().toString(), recorded.sessionId().toString()))
                .body("items[0].recordings", empty())
                .body("items[1].title", equalTo("Soutenance projet 5"))
                .body("items[1].mentorId", equalTo(recorded.mentorId()))
                .body("items[1].recordings[0].recordingId", equalTo(recording.id.toString()))
                .body("items[1].recordings[0].status", equalTo("AVAILABLE"))
                .body("items[1].recordings[0].durationSeconds", equalTo(2712))
                .body("items[1].recordings[0].availableUntil", notNullValue())
                .body("items[1].recordings[0].link", equalTo("/api/video/recordings/" + recording.id));
        assertThat(Instant.parse(given().header("Authorization", jury).get("/api/video/recordings" + period).then()
                .extract().<String>path("items[1].recordings[0].availableUntil"))).isEqualTo(until);
        given().header("Authorization", jury).get("/api/video/recordings" + period + "&size=1&page=1").then().statusCode(200)
                .body("total", equalTo(2)).body("items.sessionId", contains(recorded.sessionId().toString()));
        given().header("Authorization", TestTokens.user("ops-1").roles("ops").bearer())
                .get("/api/video/recordings?sessionId=" + recorded.sessionId()).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].recordings", hasSize(1));
        given().header("Authorization", jury).get("/api/video/recordings?sessionId=" + mentoring.sessionId()).then()
                .statusCode(200).body("total", equalTo(0));
        given().header("Authorization", jury).get("/api/video/recordings?size=101").then().statusCode(400);
        given().header("Authorization", jury).get("/api/video/recordings?from=yesterday").then().statusCode(400);
        for (String refused : List.of(TestTokens.user(recorded.studentId()).roles("student").bearer(),
                TestTokens.user(recorded.mentorId()).roles("mentor").bearer())) {
            given().header("Authorization", refused).get("/api/video/recordings").then().statusCode(403);
        }
    }

    @Test
    void aFailedStartOnFirstPublishLosesNeitherTheCallbackNorTheRecordingLater() {
        VonageCallbacks.now = clock::instant;
        SessionScheduled defence = Sessions.mentoring(SessionKind.DEFENCE, Instant.now().plus(Duration.ofMinutes(5)), 45);
        String roomId = Sessions.scheduledWithRoom(defence);
        String connection = UUID.randomUUID().toString();
        StubMapping down = VonageStub.server().stubFor(post(urlEqualTo(ARCHIVES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.sessionId", WireMock.equalTo(roomId)))
                .willReturn(aResponse().withStatus(500)));
        String published = VonageCallbacks.streamCreated(roomId, connection, Instant.now());
        try {
            VonageCallbacks.send(VonageCallbacks.connectionCreated(roomId, connection, defence.mentorId(), Instant.now()))
                    .statusCode(204);
            VonageCallbacks.send(published).statusCode(204);
            // Applied once: Vonage's retry of the same callback is a duplicate, not a second attempt.
            VonageCallbacks.send(published).statusCode(204);
            VonageStub.server().verify(1, postRequestedFor(urlEqualTo(ARCHIVES))
                    .withRequestBody(matchingJsonPath("$.sessionId", WireMock.equalTo(roomId))));
        } finally {
            VonageStub.server().removeStub(down);
        }
        String hash = dev.sessio.video.infra.VonageCallbackSignature.sha256(published);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) Recording.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM provider_callback WHERE body_hash = ?1")
                .setParameter(1, hash).getSingleResult()).longValue())).isEqualTo(1);
        assertThat(recordingOf(defence.sessionId())).isNull();

        given().header("Authorization", TestTokens.user(defence.mentorId()).roles("mentor").bearer())
                .post("/api/video/rooms/" + defence.sessionId() + "/recordings").then().statusCode(201)
                .body("status", equalTo("STARTED"));
    }

    private void assertViewable(SessionScheduled defence, Recording recording) {
        for (String allowed : List.of(TestTokens.user(defence.mentorId()).roles("mentor").bearer(),
                TestTokens.user("jury-" + UUID.randomUUID()).roles("jury").bearer(),
                TestTokens.user("ops-1").roles("ops").bearer())) {
            given().header("Authorization", allowed).get("/api/video/recordings/" + recording.id).then().statusCode(200)
                    .body("durationSeconds", equalTo(2712));
        }
        given().header("Authorization", TestTokens.user(defence.studentId()).roles("student").bearer())
                .get("/api/video/recordings/" + recording.id).then().statusCode(404);
    }

    private static Recording awaitRecording(UUID sessionId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> recordingOf(sessionId), java.util.Objects::nonNull);
    }

    private static Recording recordingOf(UUID sessionId) {
        return QuarkusTransaction.requiringNew().call(() ->
                Recording.<Recording>find("sessionId", sessionId).firstResult());
    }
}
