package dev.sessio.events.sessions;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by sessions-service when a session moves to another time or duration.
 *
 * @param sequence incremented on each change, used as the iCalendar SEQUENCE of updated invites
 */
@EventType(service = "sessions", name = "SessionRescheduled", version = 1)
public record SessionRescheduled(
        UUID sessionId,
        SessionKind kind,
        String title,
        Instant previousStartsAt,
        Instant startsAt,
        int durationMinutes,
        int sequence) {
}
