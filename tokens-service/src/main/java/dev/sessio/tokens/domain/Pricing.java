package dev.sessio.tokens.domain;

import dev.sessio.events.Money;
import dev.sessio.tokens.config.TokensConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** What tokens cost: unit price excluding tax, VAT on the line total (rounded half up to the cent), total. */
@ApplicationScoped
public class Pricing {

    public record Amounts(Money unitExcludingTax, int quantity, Money excludingTax, int vatRateBasisPoints, Money vat,
                          Money includingTax) {
    }

    private final TokensConfig.Price price;

    public Pricing(TokensConfig config) {
        this.price = config.price();
    }

    public Amounts forQuantity(int quantity) {
        long excluding = price.unitExcludingTax() * quantity;
        long vat = vatOn(excluding, price.vatRateBasisPoints());
        String currency = price.currency();
        return new Amounts(new Money(price.unitExcludingTax(), currency), quantity, new Money(excluding, currency),
                price.vatRateBasisPoints(), new Money(vat, currency), new Money(excluding + vat, currency));
    }

    public static long vatOn(long excludingTax, int rateBasisPoints) {
        return BigDecimal.valueOf(excludingTax).multiply(BigDecimal.valueOf(rateBasisPoints))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP).longValueExact();
    }

    public int minQuantity() {
        return price.minQuantity();
    }

    public int maxQuantity() {
        return price.maxQuantity();
    }
}
