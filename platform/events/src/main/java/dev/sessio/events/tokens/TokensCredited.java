package dev.sessio.events.tokens;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by tokens-service when a lot of tokens lands on an organisation's ledger: a paid card
 * purchase, an approved purchase order, or a grant by ops.
 *
 * @param lotExpiresAt when this lot's unspent tokens expire (end of the school year)
 * @param orderId      the order paid for, null for a grant
 * @param balanceAfter the organisation's usable balance after this posting
 */
@EventType(service = "tokens", name = "TokensCredited", version = 1)
public record TokensCredited(
        UUID organisationId,
        UUID postingId,
        int quantity,
        Instant lotExpiresAt,
        Reason reason,
        UUID orderId,
        int balanceAfter) {

    public enum Reason { PURCHASE, GRANT, PURCHASE_ORDER }
}
