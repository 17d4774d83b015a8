package dev.sessio.tokens.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An invoice or a credit note (avoir), immutable once issued except for its payment status. Buyer, line and
 * totals are copied in at issue, so a later change of price or billing details never alters an issued document.
 */
@Entity
@Table(name = "invoice")
public class Invoice extends PanacheEntityBase {

    public enum Kind { INVOICE, CREDIT_NOTE }

    /** UNPAID → PAID; a credit note is CREDIT (nothing to pay); an invoice cancelled by a credit note is CANCELLED. */
    public enum Status { PAID, UNPAID, CANCELLED, CREDIT }

    @Id
    public UUID id;
    public String number;
    public int year;
    public int sequence;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "order_id")
    public UUID orderId;
    @Column(name = "credits_invoice_id")
    public UUID creditsInvoiceId;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "issued_on")
    public LocalDate issuedOn;
    @Column(name = "due_on")
    public LocalDate dueOn;
    @Column(name = "paid_at")
    public Instant paidAt;
    public String currency;
    @Column(name = "line_description")
    public String lineDescription;
    public int quantity;
    @Column(name = "unit_excluding_tax")
    public long unitExcludingTax;
    @Column(name = "vat_rate_basis_points")
    public int vatRateBasisPoints;
    @Column(name = "total_excluding_tax")
    public long totalExcludingTax;
    public long vat;
    @Column(name = "total_including_tax")
    public long totalIncludingTax;
    @Column(name = "payment_method")
    public String paymentMethod;
    @Column(name = "payment_terms")
    public String paymentTerms;
    @Column(name = "buyer_name")
    public String buyerName;
    @Column(name = "buyer_address")
    public String buyerAddress;
    @Column(name = "buyer_postcode")
    public String buyerPostcode;
    @Column(name = "buyer_city")
    public String buyerCity;
    @Column(name = "buyer_country")
    public String buyerCountry;
    @Column(name = "buyer_siret")
    public String buyerSiret;
    @Column(name = "buyer_vat_number")
    public String buyerVatNumber;
    @Column(name = "buyer_email")
    public String buyerEmail;
    @Column(name = "purchase_order_reference")
    public String purchaseOrderReference;
    @Column(name = "chorus_service_code")
    public String chorusServiceCode;
    @Column(name = "chorus_engagement_number")
    public String chorusEngagementNumber;
    public String note;

    public UUID organisationId() {
        return organisationId;
    }
}
