package dev.sessio.events.tokens;

import dev.sessio.events.EventType;
import dev.sessio.events.Money;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Emitted by tokens-service when it issues an invoice or a credit note (its PDF already stored).
 *
 * @param number  the legal, sequential invoice number
 * @param orderId the order invoiced, null for a document not tied to one
 * @param dueOn   payment due date, null when already paid
 * @param pdfPath where tokens-service stored the PDF, to fetch it through its API
 */
@EventType(service = "tokens", name = "InvoiceIssued", version = 1)
public record InvoiceIssued(
        UUID organisationId,
        UUID invoiceId,
        String number,
        UUID orderId,
        Kind kind,
        Money totalExcludingTax,
        Money vat,
        Money totalIncludingTax,
        Status status,
        LocalDate issuedOn,
        LocalDate dueOn,
        String pdfPath) {

    public enum Kind { INVOICE, CREDIT_NOTE }

    public enum Status { PAID, UNPAID }
}
