package dev.sessio.tokens.domain;

import dev.sessio.events.Money;
import dev.sessio.events.tokens.InvoiceIssued;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.tokens.config.TokensConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues invoices and credit notes with numbers that follow the order of issue, per calendar year (Paris time),
 * without gaps and never reused: the year's counter row is incremented in the issuing transaction and stays locked
 * until it commits, so concurrent issues queue behind it and a rolled-back issue gives its number back.
 */
@ApplicationScoped
public class InvoiceBook {

    static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Clock clock;
    private final TokensConfig config;
    private final Outbox outbox;

    public InvoiceBook(Clock clock, TokensConfig config, Outbox outbox) {
        this.clock = clock;
        this.config = config;
        this.outbox = outbox;
    }

    /** Invoices a paid or approved order. Paid card orders are PAID; approved purchase orders are due in 30 days. */
    @Transactional
    public Invoice issueFor(TokenOrder order, boolean paid) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, config.validity().zone());
        Invoice invoice = new Invoice();
        invoice.id = UUID.randomUUID();
        invoice.kind = Invoice.Kind.INVOICE;
        invoice.organisationId = order.organisationId;
        invoice.orderId = order.id;
        invoice.issuedAt = now;
        invoice.issuedOn = today;
        invoice.currency = order.currency;
        invoice.lineDescription = config.stripe().productName();
        invoice.quantity = order.quantity;
        invoice.unitExcludingTax = order.unitExcludingTax;
        invoice.vatRateBasisPoints = order.vatRateBasisPoints;
        invoice.totalExcludingTax = order.totalExcludingTax;
        invoice.vat = order.vat;
        invoice.totalIncludingTax = order.totalIncludingTax;
        invoice.paymentMethod = order.paymentMethod.name();
        if (paid) {
            invoice.status = Invoice.Status.PAID;
            invoice.paidAt = now;
            invoice.paymentTerms = "Payée par carte bancaire le " + today.format(FRENCH_DATE) + ".";
        } else {
            invoice.status = Invoice.Status.UNPAID;
            invoice.dueOn = today.plusDays(config.purchaseOrders().paymentTermDays());
            invoice.paymentTerms = "Paiement à " + config.purchaseOrders().paymentTermDays() + " jours, au plus tard le "
                    + invoice.dueOn.format(FRENCH_DATE) + ", par virement sur l'IBAN " + config.seller().iban()
                    + " en rappelant le numéro de facture.";
        }
        invoice.buyerName = order.billingName != null ? order.billingName : "Organisation " + order.organisationId;
        invoice.buyerAddress = order.billingAddress;
        invoice.buyerPostcode = order.billingPostcode;
        invoice.buyerCity = order.billingCity;
        invoice.buyerCountry = order.billingCountry;
        invoice.buyerSiret = order.billingSiret;
        invoice.buyerVatNumber = order.billingVatNumber;
        invoice.buyerEmail = order.billingEmail;
        invoice.purchaseOrderReference = order.purchaseOrderReference;
        invoice.chorusServiceCode = order.chorusServiceCode;
        invoice.chorusEngagementNumber = order.chorusEngagementNumber;
        return issue(invoice);
    }

    /** Cancels an invoice with a credit note for its full amount (an issued invoice is never edited). */
    @Transactional
    public Invoice creditNote(UUID invoiceId, String reason) {
        Invoice original = Invoice.<Invoice>findByIdOptional(invoiceId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Invoice " + invoiceId));
        if (original.kind != Invoice.Kind.INVOICE) {
            throw ProblemException.conflict("not-an-invoice", "Not an invoice", "A credit note cannot be credited");
        }
        if (original.status == Invoice.Status.CANCELLED) {
            throw ProblemException.conflict("invoice-already-credited", "Invoice already credited",
                    "Invoice " + original.number + " was already cancelled by a credit note");
        }
        Instant now = clock.instant();
        Invoice note = new Invoice();
        note.id = UUID.randomUUID();
        note.kind = Invoice.Kind.CREDIT_NOTE;
        note.status = Invoice.Status.CREDIT;
        note.organisationId = original.organisationId;
        note.orderId = original.orderId;
        note.creditsInvoiceId = original.id;
        note.issuedAt = now;
        note.issuedOn = LocalDate.ofInstant(now, config.validity().zone());
        note.currency = original.currency;
        note.lineDescription = original.lineDescription;
        note.quantity = original.quantity;
        note.unitExcludingTax = original.unitExcludingTax;
        note.vatRateBasisPoints = original.vatRateBasisPoints;
        note.totalExcludingTax = original.totalExcludingTax;
        note.vat = original.vat;
        note.totalIncludingTax = original.totalIncludingTax;
        note.paymentMethod = original.paymentMethod;
        note.paymentTerms = original.status == Invoice.Status.PAID
                ? "Avoir remboursé ou imputé sur une prochaine facture." : "Avoir : la facture annulée n'est plus due.";
        note.buyerName = original.buyerName;
        note.buyerAddress = original.buyerAddress;
        note.buyerPostcode = original.buyerPostcode;
        note.buyerCity = original.buyerCity;
        note.buyerCountry = original.buyerCountry;
        note.buyerSiret = original.buyerSiret;
        note.buyerVatNumber = original.buyerVatNumber;
        note.buyerEmail = original.buyerEmail;
        note.purchaseOrderReference = original.purchaseOrderReference;
        note.chorusServiceCode = original.chorusServiceCode;
        note.chorusEngagementNumber = original.chorusEngagementNumber;
        note.note = "Avoir sur la facture " + original.number + " : " + reason;
        original.status = Invoice.Status.CANCELLED;
        return issue(note);
    }

    @Transactional
    public void markPaid(UUID invoiceId) {
        Invoice invoice = Invoice.findById(invoiceId);
        if (invoice != null && invoice.status == Invoice.Status.UNPAID) {
            invoice.status = Invoice.Status.PAID;
            invoice.paidAt = clock.instant();
        }
    }

    public Optional<Invoice> find(UUID id) {
        return Invoice.findByIdOptional(id);
    }

    private Invoice issue(Invoice invoice) {
        invoice.year = invoice.issuedOn.getYear();
        invoice.sequence = nextNumber(invoice.year);
        invoice.number = "%d-%06d".formatted(invoice.year, invoice.sequence);
        invoice.persist();
        outbox.record(new InvoiceIssued(invoice.organisationId, invoice.id, invoice.number, invoice.orderId,
                InvoiceIssued.Kind.valueOf(invoice.kind.name()), money(invoice.totalExcludingTax, invoice),
                money(invoice.vat, invoice), money(invoice.totalIncludingTax, invoice),
                invoice.status == Invoice.Status.UNPAID ? InvoiceIssued.Status.UNPAID : InvoiceIssued.Status.PAID,
                invoice.issuedOn, invoice.dueOn, "/api/tokens/invoices/" + invoice.id + "/pdf"),
                invoice.organisationId, "organisation/" + invoice.organisationId);
        return invoice;
    }

    private static Money money(long amount, Invoice invoice) {
        return new Money(amount, invoice.currency);
    }

    private int nextNumber(int year) {
        Object next = Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO invoice_number (year, last_value) VALUES (?1, 1)
                        ON CONFLICT (year) DO UPDATE SET last_value = invoice_number.last_value + 1
                        RETURNING last_value""")
                .setParameter(1, year).getSingleResult();
        return ((Number) next).intValue();
    }
}
