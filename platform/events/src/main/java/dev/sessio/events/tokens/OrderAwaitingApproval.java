package dev.sessio.events.tokens;

import dev.sessio.events.EventType;
import dev.sessio.events.Money;

import java.util.UUID;

/** Emitted by tokens-service when a school orders tokens by purchase order; ops must approve it before the credit. */
@EventType(service = "tokens", name = "OrderAwaitingApproval", version = 1)
public record OrderAwaitingApproval(
        UUID organisationId,
        UUID orderId,
        int quantity,
        String purchaseOrderReference,
        Money totalIncludingTax) {
}
