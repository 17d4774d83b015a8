package dev.sessio.events;

/**
 * An amount of money in minor units, as everywhere in Sessio: {@code new Money(7200, "EUR")} is 72.00 €.
 *
 * @param amount   minor units (cents); never a floating-point value
 * @param currency ISO 4217 code, upper case
 */
public record Money(long amount, String currency) {

    public static Money eur(long cents) {
        return new Money(cents, "EUR");
    }
}
