package dev.sessio.video;

import dev.sessio.testing.KafkaTestClient;

import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.video.VideoUsageRecorded;
import dev.sessio.video.domain.ConnectionInterval;
import dev.sessio.video.domain.Room;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Signed Vonage callbacks → connection intervals → VideoUsageRecorded when the room closes. */
@QuarkusTest
class VonageCallbacksTest {

    @Inject
    TestClock clock;
    @Inject
    UsageReports usageReports;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void unsignedOrWronglySignedCallbacksAreRefused() {
        SessionScheduled session = Sessions.mentoring(SessionKind.MENTORING, Instant.now().plus(Duration.ofDays(1)), 60);
        String roomId = Sessions.scheduledWithRoom(session);
        String body = VonageCallbacks.connectionCreated(roomId, UUID.randomUUID().toString(), "x", Instant.now());

        VonageCallbacks.send(body, null).statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/invalid-signature"));
        VonageCallbacks.send(body, "Bearer " + VonageCallbacks.signature(body, "another-secret", true)).statusCode(401);
        VonageCallbacks.send(body, "Bearer not.a.jwt").statusCode(401);
        String otherBody = VonageCallbacks.connectionCreated(roomId, UUID.randomUUID().toString(), "y", Instant.now());
        // a signature made for another body
        VonageCallbacks.send(body, "Bearer " + VonageCallbacks.signature(otherBody, VonageStub.SIGNATURE_SECRET, true))
                .statusCode(401);

        assertThat(intervals(session.sessionId())).isEmpty();
        VonageCallbacks.send(body).statusCode(204);
        // no payload_hash claim: the signature alone
        VonageCallbacks.send(body, "Bearer " + VonageCallbacks.signature(body, VonageStub.SIGNATURE_SECRET, false))
                .statusCode(204);
        assertThat(intervals(session.sessionId())).hasSize(1);
    }

    @Test
    void theUsageOfARecordedSequenceOfCallbacksIsAnnouncedOnceWhenTheRoomCloses() {
        Instant start = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SessionScheduled session = new SessionScheduled(UUID.randomUUID(), SessionKind.MENTORING, "Point mensuel", null,
                start, 60, null, "mentor-" + UUID.randomUUID(), "student-" + UUID.randomUUID(), null);
        String roomId = Sessions.scheduledWithRoom(session);
        String mentor = session.mentorId();
        String student = session.studentId();
        String c1 = UUID.randomUUID().toString();
        String c2 = UUID.randomUUID().toString();
        String c3 = UUID.randomUUID().toString();
        Instant m5 = start.minus(Duration.ofMinutes(5));
        List<String> recorded = List.of(
                "{\"sessionId\":\"" + roomId + "\",\"projectId\":\"p\",\"event\":\"sessionCreated\",\"timestamp\":"
                        + m5.toEpochMilli() + "}",
                VonageCallbacks.connectionCreated(roomId, c1, mentor, m5),
                VonageCallbacks.streamCreated(roomId, c1, m5.plusSeconds(2)),
                VonageCallbacks.connectionCreated(roomId, c2, student, start.plus(Duration.ofMinutes(3))),
                VonageCallbacks.connectionDestroyed(roomId, c2, student, start.plus(Duration.ofMinutes(3)),
                        start.plus(Duration.ofMinutes(20))),
                // the reconnection's destroyed callback overtakes its created one
                VonageCallbacks.connectionDestroyed(roomId, c3, student, start.plusSeconds(21 * 60 + 30),
                        start.plus(Duration.ofMinutes(60))),
                VonageCallbacks.connectionCreated(roomId, c3, student, start.plusSeconds(21 * 60 + 30)),
                VonageCallbacks.connectionDestroyed(roomId, c1, mentor, m5, start.plus(Duration.ofMinutes(62))));
        for (String callback : recorded) {
            VonageCallbacks.send(callback).statusCode(204);
        }
        VonageCallbacks.send(recorded.get(3)).statusCode(204); // Vonage retried one: ignored
        assertThat(intervals(session.sessionId())).hasSize(3);

        clock.runFrom(start.plus(Duration.ofMinutes(60 + 29)));
        usageReports.recordEndedSessions();
        assertThat(Sessions.room(session.sessionId()).usageRecordedAt).as("the room is still open").isNull();
        clock.runFrom(start.plus(Duration.ofMinutes(60 + 31)));
        usageReports.recordEndedSessions();
        usageReports.recordEndedSessions();

        VideoUsageRecorded usage = KafkaTestClient.awaitOne(VideoUsageRecorded.class, session.sessionId());
        assertThat(usage.provider()).isEqualTo("vonage");
        assertThat(usage.used()).isTrue();
        assertThat(usage.firstJoinAt()).isEqualTo(m5);
        assertThat(usage.lastLeaveAt()).isEqualTo(start.plus(Duration.ofMinutes(62)));
        assertThat(usage.minutesWithTwoOrMore()).isEqualTo(56);
        assertThat(usage.participants()).containsExactlyInAnyOrder(
                new VideoUsageRecorded.ParticipantUsage(mentor, 67),
                new VideoUsageRecorded.ParticipantUsage(student, 56));
        assertThat(KafkaTestClient.published(VideoUsageRecorded.class, session.sessionId(), l -> l.size() > 1,
                Duration.ofSeconds(2))).as("announced once").hasSize(1);
    }

    @Test
    void aSessionNobodyJoinedWasNotUsedAndAnExternalLinkRoomsUsageIsUnknown() {
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SessionScheduled empty = new SessionScheduled(UUID.randomUUID(), SessionKind.MENTORING, "Absent", null,
                start.plus(Duration.ofDays(1)), 60, null, "m-" + UUID.randomUUID(), "s-" + UUID.randomUUID(), null);
        Sessions.scheduledWithRoom(empty);
        UUID external = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Room room = new Room();
            room.sessionId = external;
            room.kind = SessionKind.WEBINAR;
            room.title = "Created while the platform ran with external links";
            room.startsAt = start;
            room.durationMinutes = 60;
            room.status = Room.Status.READY;
            room.provider = "external-link";
            room.providerRoomId = "sessio-" + external;
            room.meetingUrl = "https://meet.jit.si/sessio-" + external;
            room.createdAt = start.minus(Duration.ofDays(7));
            room.persist();
        });

        clock.runFrom(empty.startsAt().plus(Duration.ofHours(2)));
        usageReports.recordEndedSessions();

        VideoUsageRecorded notUsed = KafkaTestClient.awaitOne(VideoUsageRecorded.class, empty.sessionId());
        assertThat(notUsed.used()).isFalse();
        assertThat(notUsed.firstJoinAt()).isNull();
        assertThat(notUsed.participants()).isEmpty();
        VideoUsageRecorded unknown = KafkaTestClient.awaitOne(VideoUsageRecorded.class, external);
        assertThat(unknown.provider()).isEqualTo("external-link");
        assertThat(unknown.used()).isNull();
        assertThat(unknown.minutesWithTwoOrMore()).isZero();
    }

    private static List<ConnectionInterval> intervals(UUID sessionId) {
        return QuarkusTransaction.requiringNew().call(() -> ConnectionInterval.ofSession(sessionId));
    }
}
