package dev.sessio.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as an event contract and names it on the wire.
 *
 * <p>{@code @EventType(service = "tokens", name = "TokenDebited", version = 1)} gives the
 * CloudEvents type {@code sessio.tokens.TokenDebited.v1}, the topic {@code tokens.events.v1}
 * and the schema {@code /schemas/tokens/TokenDebited.v1.json}. See {@link EventTypes}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The producing service, without the {@code -service} suffix: {@code accounts}, {@code tokens}, ... */
    String service();

    /** The event name, stable across versions (a {@code .v2} record keeps the same name). */
    String name();

    /** Bumped only by a breaking change, which is a new record and a new schema. */
    int version();
}
