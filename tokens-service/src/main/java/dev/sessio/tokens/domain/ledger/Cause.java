package dev.sessio.tokens.domain.ledger;

import java.util.UUID;

/**
 * Why a posting exists: the thing that caused it. The ledger posts at most once per {@link #key()} and organisation,
 * so the same cause applied twice (a redelivered event, a retried webhook) posts once.
 *
 * @param type what {@code id} names
 * @param id   the registration, order, grant or lot
 */
public record Cause(Type type, UUID id) {

    public enum Type { REGISTRATION, ORDER, GRANT, LOT }

    public static Cause registration(UUID registrationId) {
        return new Cause(Type.REGISTRATION, registrationId);
    }

    public static Cause order(UUID orderId) {
        return new Cause(Type.ORDER, orderId);
    }

    public static Cause grant(UUID grantId) {
        return new Cause(Type.GRANT, grantId);
    }

    public static Cause lot(UUID lotId) {
        return new Cause(Type.LOT, lotId);
    }

    /** The uniqueness key of a posting of this kind for this cause. */
    public String key(PostingKind kind) {
        return kind.name().toLowerCase() + ":" + type.name().toLowerCase() + ":" + id;
    }
}
