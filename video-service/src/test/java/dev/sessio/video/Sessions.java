package dev.sessio.video;

import dev.sessio.testing.KafkaTestClient;

import dev.sessio.events.sessions.RegistrationConfirmed;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.video.VideoRoomReady;
import dev.sessio.video.domain.Room;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Builds the sessions-service events a test needs and waits for video-service to apply them. */
final class Sessions {

    private Sessions() {
    }

    static SessionScheduled webinar(Instant startsAt, int minutes) {
        return new SessionScheduled(UUID.randomUUID(), SessionKind.WEBINAR, "EcoleDirecte : les bases", "EcoleDirecte",
                startsAt.truncatedTo(ChronoUnit.SECONDS), minutes, "trainer-" + UUID.randomUUID(), null, null, 300);
    }

    static SessionScheduled mentoring(SessionKind kind, Instant startsAt, int minutes) {
        return new SessionScheduled(UUID.randomUUID(), kind, "Soutenance projet 5", null,
                startsAt.truncatedTo(ChronoUnit.SECONDS), minutes, null, "mentor-" + UUID.randomUUID(),
                "student-" + UUID.randomUUID(), null);
    }

    static RegistrationConfirmed confirmed(SessionScheduled session, UUID organisationId) {
        return new RegistrationConfirmed(UUID.randomUUID(), session.sessionId(), organisationId, session.title(),
                session.startsAt(), session.durationMinutes());
    }

    /** Publishes the session and waits until its room is ready; answers the provider's room id. */
    static String scheduledWithRoom(SessionScheduled session) {
        KafkaTestClient.publish(session, session.sessionId());
        return KafkaTestClient.awaitOne(VideoRoomReady.class, session.sessionId()).roomId();
    }

    static Room room(UUID sessionId) {
        return QuarkusTransaction.requiringNew().call(() -> Room.<Room>findById(sessionId));
    }

    static void awaitRoom(UUID sessionId, java.util.function.Predicate<Room> condition) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Room room = room(sessionId);
            return room != null && condition.test(room);
        });
    }
}
