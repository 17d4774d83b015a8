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
 * @param mentorEmail  where notifications sends the mentor's invite, null for a webinar or when unknown
 * @param studentEmail where notifications sends the student's invite, null for a webinar or when unknown
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
        Integer capacity,
        String mentorEmail,
        String studentEmail) {

    /** The shape before {@code mentorEmail}/{@code studentEmail} were added: both left null. */
    public SessionScheduled(UUID sessionId, SessionKind kind, String title, String theme, Instant startsAt,
                            int durationMinutes, String trainerId, String mentorId, String studentId,
                            Integer capacity) {
        this(sessionId, kind, title, theme, startsAt, durationMinutes, trainerId, mentorId, studentId, capacity,
                null, null);
    }
}
