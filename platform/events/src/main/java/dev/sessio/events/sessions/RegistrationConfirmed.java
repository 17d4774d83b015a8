package dev.sessio.events.sessions;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/** Emitted by sessions-service once the token is debited; notifications emails, video issues the join link. */
@EventType(service = "sessions", name = "RegistrationConfirmed", version = 1)
public record RegistrationConfirmed(
        UUID registrationId,
        UUID sessionId,
        UUID organisationId,
        String sessionTitle,
        Instant sessionStartsAt,
        int durationMinutes) {
}
