package dev.sessio.events.sessions;

import dev.sessio.events.EventType;

import java.util.UUID;

/**
 * Emitted by sessions-service when a pending registration fails (no token, suspended organisation, session full).
 *
 * @param reason a short code such as {@code INSUFFICIENT_TOKENS}; a string so new reasons stay additive
 */
@EventType(service = "sessions", name = "RegistrationRejected", version = 1)
public record RegistrationRejected(
        UUID registrationId,
        UUID sessionId,
        UUID organisationId,
        String reason) {
}
