package dev.sessio.systemtests.journeys;

import dev.sessio.systemtests.Mailbox;
import dev.sessio.systemtests.Mailbox.Mail;
import dev.sessio.systemtests.journeys.Journey.School;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.sessio.systemtests.journeys.Journey.MAIL;
import static dev.sessio.systemtests.journeys.Journey.as;
import static dev.sessio.systemtests.journeys.Journey.creating;
import static dev.sessio.systemtests.journeys.Journey.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue #10, purchase order: a school orders 4 tokens by purchase order (Chorus Pro references), ops see it waiting
 * and approve it, the tokens are credited, and the school gets an UNPAID invoice due in 30 days — by email and as a
 * Factur-X PDF carrying the order reference and the due date — until ops record the payment.
 */
class PurchaseOrderJourneyIT {

    @Test
    void opsApproveAPurchaseOrderTokensAreCreditedAndTheInvoiceIsDueIn30Days() throws Exception {
        School school = School.signUp("Commande");
        String reference = "BC-" + Journey.suffix();

        String orderId = creating(school.bearer(), Map.of("quantity", 4, "paymentMethod", "PURCHASE_ORDER",
                        "purchaseOrderReference", reference,
                        "billing", Map.of("name", school.name(), "address", "1 rue de l'École",
                                "postcode", "75001", "city", "Paris", "country", "FR"),
                        "chorus", Map.of("serviceCode", "SERVICE-COMPTA", "engagementNumber", "EJ-" + reference)))
                .post("/api/tokens/orders")
                .then().statusCode(201).body("status", equalTo("AWAITING_APPROVAL")).extract().path("id");
        Mailbox.awaitMail(school.email(), m -> m.subjectContains("Bon de commande " + reference + " reçu"), MAIL);
        Mailbox.awaitMail("ops@sessio.dev", m -> m.subjectContains("À approuver : bon de commande " + reference), MAIL);
        assertThat(school.balance()).as("nothing before ops approve").isZero();

        // Ops see it among the orders waiting for them, and approve it.
        String ops = ops();
        List<String> waiting = as(ops).queryParam("size", 100).get("/api/tokens/orders/awaiting-approval")
                .then().statusCode(200).extract().path("items.id");
        assertThat(waiting).contains(orderId);
        as(school.bearer()).post("/api/tokens/orders/" + orderId + "/approve").then().statusCode(403);
        String invoiceId = as(ops).post("/api/tokens/orders/" + orderId + "/approve")
                .then().statusCode(200).body("status", equalTo("APPROVED")).extract().path("invoiceId");
        as(ops).post("/api/tokens/orders/" + orderId + "/approve").then().statusCode(409);
        school.awaitBalance(4);

        // An unpaid invoice, due 30 days after issue, with the order's references.
        Response invoice = as(school.bearer()).get("/api/tokens/invoices/" + invoiceId)
                .then().statusCode(200).body("status", equalTo("UNPAID")).body("orderId", equalTo(orderId))
                .body("purchaseOrderReference", equalTo(reference))
                .body("totals.includingTax.amount", equalTo(4 * 7200)).extract().response();
        LocalDate issuedOn = LocalDate.parse(invoice.path("issuedOn"));
        LocalDate dueOn = LocalDate.parse(invoice.path("dueOn"));
        assertThat(dueOn).isEqualTo(issuedOn.plusDays(30));
        String number = invoice.path("number");

        Mail mail = Mailbox.awaitMail(school.email(), m -> m.subjectContains("Votre facture " + number), MAIL);
        assertThat(mail.text()).contains("À régler avant le " + dueOn.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH)))
                .contains("/api/tokens/invoices/" + invoiceId + "/pdf");

        String schoolBearer = school.bearer();
        byte[] pdf = Journey.retryingOn504(() -> as(schoolBearer).get("/api/tokens/invoices/" + invoiceId + "/pdf"))
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        FacturX.Invoice facturX = FacturX.read(pdf);
        assertThat(facturX.value("ExchangedDocument/ID")).isEqualTo(number);
        assertThat(facturX.value("BuyerOrderReferencedDocument/IssuerAssignedID")).isEqualTo(reference);
        assertThat(facturX.value("SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString"))
                .isEqualTo(dueOn.format(DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(facturX.value("SpecifiedTradeSettlementHeaderMonetarySummation/DuePayableAmount")).isEqualTo("288.00");
        assertThat(facturX.xml()).contains("SERVICE-COMPTA");

        // Ops record the transfer: the invoice is paid.
        creating(ops, Map.of("reference", "VIR-" + reference)).post("/api/tokens/orders/" + orderId + "/payment")
                .then().statusCode(200).body("status", equalTo("PAID"));
        as(school.bearer()).get("/api/tokens/invoices/" + invoiceId).then().statusCode(200).body("status", equalTo("PAID"));
    }
}
