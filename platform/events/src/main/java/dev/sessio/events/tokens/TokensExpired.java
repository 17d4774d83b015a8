package dev.sessio.events.tokens;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/** Emitted by tokens-service when a lot reaches its expiry with unspent tokens, which are written off. */
@EventType(service = "tokens", name = "TokensExpired", version = 1)
public record TokensExpired(
        UUID organisationId,
        UUID postingId,
        int quantity,
        Instant lotExpiresAt,
        int balanceAfter) {
}
