package dev.sessio.tokens.domain.ledger;

import java.util.Objects;
import java.util.UUID;

/** One token to take from an organisation for a cause, as one of a batch ({@link LedgerStore#debitAll}). */
public record DebitRequest(UUID organisationId, Cause cause, UUID sessionId) {

    public DebitRequest {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(cause, "cause");
    }
}
