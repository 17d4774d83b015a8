package dev.sessio.tokens.api;

import dev.sessio.events.Money;
import dev.sessio.tokens.config.TokensConfig;
import dev.sessio.tokens.domain.Invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An invoice or credit note as JSON, with every mention a French invoice must carry. */
public record InvoiceView(UUID id, String number, Invoice.Kind kind, Invoice.Status status, UUID organisationId,
                          UUID orderId, UUID creditsInvoiceId, LocalDate issuedOn, LocalDate dueOn, Instant paidAt,
                          Party seller, Party buyer, List<Line> lines, Totals totals, String paymentMethod,
                          String paymentTerms, String latePaymentPenalties, String purchaseOrderReference,
                          String chorusServiceCode, String chorusEngagementNumber, String note, String pdf) {

    /** Art. L441-10 and D441-5 of the Code de commerce. */
    public static final String LATE_PAYMENT_PENALTIES = "En cas de retard de paiement, pénalités au taux de trois fois "
            + "le taux d'intérêt légal et indemnité forfaitaire pour frais de recouvrement de 40 € "
            + "(art. L441-10 et D441-5 du Code de commerce). Pas d'escompte pour paiement anticipé.";

    public record Party(String name, List<String> address, String postcode, String city, String country, String siren,
                        String siret, String vatNumber, String legalForm, String email) {
    }

    public record Line(String description, int quantity, Money unitPriceExcludingTax, String vatRate,
                       Money totalExcludingTax, Money vat, Money totalIncludingTax) {
    }

    public record Totals(Money excludingTax, Money vat, Money includingTax) {
    }

    public static InvoiceView of(Invoice i, TokensConfig.Seller s) {
        Party seller = new Party(s.name(), s.addressLines(), s.postcode(), s.city(), s.country(), s.siren(), s.siret(),
                s.vatNumber(), s.legalForm(), s.email());
        Party buyer = new Party(i.buyerName, i.buyerAddress == null ? List.of() : List.of(i.buyerAddress),
                i.buyerPostcode, i.buyerCity, i.buyerCountry,
                i.buyerSiret == null || i.buyerSiret.length() < 9 ? null : i.buyerSiret.substring(0, 9), i.buyerSiret,
                i.buyerVatNumber, null, i.buyerEmail);
        Line line = new Line(i.lineDescription, i.quantity, money(i.unitExcludingTax, i), vatRate(i.vatRateBasisPoints),
                money(i.totalExcludingTax, i), money(i.vat, i), money(i.totalIncludingTax, i));
        return new InvoiceView(i.id, i.number, i.kind, i.status, i.organisationId, i.orderId, i.creditsInvoiceId,
                i.issuedOn, i.dueOn, i.paidAt, seller, buyer, List.of(line),
                new Totals(money(i.totalExcludingTax, i), money(i.vat, i), money(i.totalIncludingTax, i)),
                i.paymentMethod, i.paymentTerms, LATE_PAYMENT_PENALTIES, i.purchaseOrderReference,
                i.chorusServiceCode, i.chorusEngagementNumber, i.note, "/api/tokens/invoices/" + i.id + "/pdf");
    }

    public static String vatRate(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + " %";
    }

    private static Money money(long amount, Invoice i) {
        return new Money(amount, i.currency);
    }
}
