package dev.sessio.events.sessions;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by sessions-service when a confirmed registration is cancelled, by the school or
 * because the whole session was cancelled.
 *
 * @param refundable  true when the cancellation policy gives the token back (tokens-service refunds it)
 * @param cancelledBy the user who cancelled (an ops user when the session was cancelled)
 */
@EventType(service = "sessions", name = "RegistrationCancelled", version = 1)
public record RegistrationCancelled(
        UUID registrationId,
        UUID sessionId,
        UUID organisationId,
        boolean refundable,
        String cancelledBy,
        Instant sessionStartsAt) {
}
