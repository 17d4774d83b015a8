package dev.sessio.events.sessions;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by sessions-service when a session is planned: a webinar published in the catalogue,
 * or a mentoring session or defence planned by a mentor.
 *
 * @param theme     catalogue theme of a webinar (e.g. EcoleDirecte), null otherwise
 * @param trainerId the webinar's trainer, null when not yet assigned or not a webinar
 * @param mentorId  null for a webinar
 * @param studentId null for a webinar
 * @param capacity  maximum number of registrations, null when unlimited
 */
@EventType(service = "sessions", name = "SessionScheduled", version = 1)
public record SessionScheduled(
        UUID sessionId,
        SessionKind kind,
        String title,
        String theme,
        Instant startsAt,
        int durationMinutes,
        String trainerId,
        String mentorId,
        String studentId,
        Integer capacity) {
}
