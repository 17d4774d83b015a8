package dev.sessio.events.sessions;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by sessions-service when a whole session is cancelled. Each of its registrations also
 * gets its own {@code RegistrationCancelled}, which is what refunds tokens.
 *
 * @param reason free text for attendees, null when none was given
 */
@EventType(service = "sessions", name = "SessionCancelled", version = 1)
public record SessionCancelled(
        UUID sessionId,
        SessionKind kind,
        String title,
        Instant startsAt,
        String reason) {
}
