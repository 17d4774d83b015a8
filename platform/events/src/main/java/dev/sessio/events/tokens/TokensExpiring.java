package dev.sessio.events.tokens;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/** Emitted by tokens-service ahead of an expiry, so the school is warned while it can still spend the tokens. */
@EventType(service = "tokens", name = "TokensExpiring", version = 1)
public record TokensExpiring(UUID organisationId, int quantity, Instant expiresAt) {
}
