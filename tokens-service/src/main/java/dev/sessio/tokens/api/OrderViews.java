package dev.sessio.tokens.api;

import dev.sessio.events.Money;
import dev.sessio.tokens.domain.BillingDetails;
import dev.sessio.tokens.domain.TokenOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** Requests and answers of the orders API. */
public final class OrderViews {

    private OrderViews() {
    }

    public record Billing(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 300) String address,
                          @NotBlank @Size(max = 20) String postcode, @NotBlank @Size(max = 100) String city,
                          @Pattern(regexp = "[A-Z]{2}") String country,
                          @Pattern(regexp = "\\d{14}", message = "must be 14 digits") String siret,
                          @Size(max = 20) String vatNumber, @Email @Size(max = 200) String email) {

        BillingDetails details() {
            return new BillingDetails(name, address, postcode, city, country == null ? "FR" : country, siret,
                    vatNumber, email);
        }

        static Billing of(TokenOrder o) {
            return o.billingName == null ? null : new Billing(o.billingName, o.billingAddress, o.billingPostcode,
                    o.billingCity, o.billingCountry, o.billingSiret, o.billingVatNumber, o.billingEmail);
        }
    }

    /** Chorus Pro fields a public school's purchase order may require on the invoice. */
    public record Chorus(@Size(max = 100) String serviceCode, @Size(max = 50) String engagementNumber) {
    }

    public record OrderRequest(@NotNull @Min(1) @Max(100) Integer quantity,
                               @NotNull TokenOrder.PaymentMethod paymentMethod,
                               @Size(max = 100) String purchaseOrderReference,
                               @Valid Billing billing,
                               @Valid Chorus chorus) {
    }

    public record ReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record PaymentRequest(@NotBlank @Size(max = 100) String reference) {
    }

    public record Totals(Money excludingTax, Money vat, Money includingTax) {
    }

    public record OrderView(UUID id, UUID organisationId, int quantity, TokenOrder.PaymentMethod paymentMethod,
                            TokenOrder.Status status, Money unitPriceExcludingTax, Totals totals,
                            String purchaseOrderReference, Billing billing, Chorus chorus, String checkoutUrl,
                            Instant createdAt, Instant decidedAt, String rejectionReason, Instant paidAt,
                            UUID invoiceId) {

        static OrderView of(TokenOrder o) {
            return new OrderView(o.id, o.organisationId, o.quantity, o.paymentMethod, o.status,
                    new Money(o.unitExcludingTax, o.currency),
                    new Totals(new Money(o.totalExcludingTax, o.currency), new Money(o.vat, o.currency),
                            new Money(o.totalIncludingTax, o.currency)),
                    o.purchaseOrderReference, Billing.of(o),
                    o.chorusServiceCode == null && o.chorusEngagementNumber == null ? null
                            : new Chorus(o.chorusServiceCode, o.chorusEngagementNumber),
                    o.checkoutUrl, o.createdAt, o.decidedAt, o.rejectionReason, o.paidAt, o.invoiceId);
        }
    }
}
