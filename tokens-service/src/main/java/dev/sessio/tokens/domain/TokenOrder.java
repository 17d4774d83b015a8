package dev.sessio.tokens.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** An order of tokens by one organisation, paid by card (Stripe Checkout) or by purchase order (after ops approve). */
@Entity
@Table(name = "token_order")
public class TokenOrder extends PanacheEntityBase {

    public enum PaymentMethod { CARD, PURCHASE_ORDER }

    /**
     * Card: AWAITING_PAYMENT → PAID or CANCELLED (checkout expired; a late payment still wins).
     * Purchase order: AWAITING_APPROVAL → APPROVED (tokens credited, invoice unpaid) → PAID, or REJECTED.
     */
    public enum Status { AWAITING_PAYMENT, AWAITING_APPROVAL, APPROVED, PAID, CANCELLED, REJECTED }

    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public UUID organisationId;
    public int quantity;
    @Enumerated(EnumType.STRING)
    @Column(name = "payment_method")
    public PaymentMethod paymentMethod;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String currency;
    @Column(name = "unit_excluding_tax")
    public long unitExcludingTax;
    @Column(name = "vat_rate_basis_points")
    public int vatRateBasisPoints;
    @Column(name = "total_excluding_tax")
    public long totalExcludingTax;
    public long vat;
    @Column(name = "total_including_tax")
    public long totalIncludingTax;
    @Column(name = "purchase_order_reference")
    public String purchaseOrderReference;
    @Column(name = "billing_name")
    public String billingName;
    @Column(name = "billing_address")
    public String billingAddress;
    @Column(name = "billing_postcode")
    public String billingPostcode;
    @Column(name = "billing_city")
    public String billingCity;
    @Column(name = "billing_country")
    public String billingCountry;
    @Column(name = "billing_siret")
    public String billingSiret;
    @Column(name = "billing_vat_number")
    public String billingVatNumber;
    @Column(name = "billing_email")
    public String billingEmail;
    @Column(name = "chorus_service_code")
    public String chorusServiceCode;
    @Column(name = "chorus_engagement_number")
    public String chorusEngagementNumber;
    @Column(name = "stripe_checkout_session_id")
    public String stripeCheckoutSessionId;
    @Column(name = "checkout_url")
    public String checkoutUrl;
    @Column(name = "rejection_reason")
    public String rejectionReason;
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "paid_at")
    public Instant paidAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Column(name = "invoice_id")
    public UUID invoiceId;
    @Version
    public int version;

    public UUID organisationId() {
        return organisationId;
    }
}
