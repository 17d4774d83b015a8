package dev.sessio.events.tokens;

import dev.sessio.events.EventType;

import java.util.UUID;

/**
 * Emitted by tokens-service when ops reject a purchase-order order; nothing is credited.
 *
 * @param reason free text shown to the school
 */
@EventType(service = "tokens", name = "OrderRejected", version = 1)
public record OrderRejected(UUID organisationId, UUID orderId, String reason) {
}
