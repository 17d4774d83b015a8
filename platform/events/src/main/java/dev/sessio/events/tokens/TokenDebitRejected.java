package dev.sessio.events.tokens;

import dev.sessio.events.EventType;

import java.util.UUID;

/**
 * Emitted by tokens-service when it cannot debit a token for a {@code RegistrationRequested};
 * sessions-service then rejects the registration.
 *
 * @param balance the organisation's usable balance when the debit was refused
 */
@EventType(service = "tokens", name = "TokenDebitRejected", version = 1)
public record TokenDebitRejected(
        UUID organisationId,
        UUID registrationId,
        UUID sessionId,
        Reason reason,
        int balance) {

    public enum Reason { INSUFFICIENT_TOKENS, ORGANISATION_SUSPENDED }
}
