package dev.sessio.events.sessions;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by sessions-service when a school asks to register for a session (registration PENDING);
 * starts the registration saga: tokens-service debits a token or rejects.
 *
 * @param requestedBy the user (or partner client) that asked
 */
@EventType(service = "sessions", name = "RegistrationRequested", version = 1)
public record RegistrationRequested(
        UUID registrationId,
        UUID sessionId,
        UUID organisationId,
        String requestedBy,
        Instant sessionStartsAt) {
}
