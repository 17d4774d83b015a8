package dev.sessio.events.tokens;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by tokens-service when it has spent one token (oldest expiry first) for a
 * {@code RegistrationRequested}; sessions-service then confirms the registration.
 *
 * @param lotExpiresAt expiry of the lot the token came from, so a refund goes back to it
 */
@EventType(service = "tokens", name = "TokenDebited", version = 1)
public record TokenDebited(
        UUID organisationId,
        UUID postingId,
        UUID registrationId,
        UUID sessionId,
        Instant lotExpiresAt,
        int balanceAfter) {
}
