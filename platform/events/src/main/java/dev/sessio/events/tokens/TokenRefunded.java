package dev.sessio.events.tokens;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by tokens-service when a refundable {@code RegistrationCancelled} gives the token back
 * (as a new posting, the debit stays in the journal).
 */
@EventType(service = "tokens", name = "TokenRefunded", version = 1)
public record TokenRefunded(
        UUID organisationId,
        UUID postingId,
        UUID registrationId,
        UUID sessionId,
        int quantity,
        Instant lotExpiresAt,
        int balanceAfter) {
}
