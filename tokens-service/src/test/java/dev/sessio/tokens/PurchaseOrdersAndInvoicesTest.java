package dev.sessio.tokens;

import dev.sessio.testing.TestTokens;
import dev.sessio.tokens.domain.InvoiceBook;
import dev.sessio.tokens.domain.TokenOrder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mustangproject.ZUGFeRD.ZUGFeRDImporter;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Purchase orders (approve, reject, payment, overdue), invoices (numbering, JSON, Factur-X) and credit notes. */
@QuarkusTest
class PurchaseOrdersAndInvoicesTest {

    static final Map<String, Object> BILLING = Map.of("name", "Collège Jean Moulin", "address", "3 avenue de la République",
            "postcode", "69003", "city", "Lyon", "siret", "19690000000012", "email", "gestion@college.test");

    @Inject
    InvoiceBook invoices;

    static String admin(UUID org) {
        return TestTokens.user("admin-" + org).org(org).roles("school-admin").bearer();
    }

    static String ops() {
        return TestTokens.user("ops-anna").roles("ops").bearer();
    }

    static Response order(UUID org, Map<String, Object> body) {
        return given().header("Authorization", admin(org)).contentType(ContentType.JSON).body(body)
                .when().post("/api/tokens/orders");
    }

    static String purchaseOrder(UUID org, int quantity) {
        return order(org, Map.of("quantity", quantity, "paymentMethod", "PURCHASE_ORDER",
                "purchaseOrderReference", "BC-2026-17", "billing", BILLING,
                "chorus", Map.of("serviceCode", "SERVICE-COMPTA", "engagementNumber", "EJ-4500012")))
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aPurchaseOrderWaitsForOpsWhoApproveItThenRecordItsPayment() {
        UUID org = UUID.randomUUID();
        Response created = order(org, Map.of("quantity", 2, "paymentMethod", "PURCHASE_ORDER",
                "purchaseOrderReference", "BC-2026-17", "billing", BILLING));
        created.then().statusCode(201)
                .header("Location", matchesPattern(".*/api/tokens/orders/[0-9a-f-]{36}"))
                .body("status", equalTo("AWAITING_APPROVAL"))
                .body("totals.excludingTax.amount", equalTo(12000))
                .body("totals.vat.amount", equalTo(2400))
                .body("totals.includingTax.amount", equalTo(14400))
                .body("totals.includingTax.currency", equalTo("EUR"));
        String id = created.path("id");
        assertThat(Db.outbox("OrderAwaitingApproval", org)).isEqualTo(1);
        assertThat(Db.balances(org)).containsExactly(0, 0, 0);

        given().header("Authorization", admin(org)).when().post("/api/tokens/orders/" + id + "/approve")
                .then().statusCode(403).contentType("application/problem+json");
        String invoiceId = given().header("Authorization", ops()).when().post("/api/tokens/orders/" + id + "/approve")
                .then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("invoiceId", notNullValue())
                .extract().path("invoiceId");
        assertThat(Db.balances(org)).containsExactly(2, 2, 2);
        assertThat(Db.outbox("TokensCredited", org)).isEqualTo(1);
        assertThat(Db.outbox("InvoiceIssued", org)).isEqualTo(1);

        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        given().header("Authorization", admin(org)).when().get("/api/tokens/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("number", matchesPattern(today.getYear() + "-\\d{6}"))
                .body("kind", equalTo("INVOICE"))
                .body("status", equalTo("UNPAID"))
                .body("dueOn", equalTo(today.plusDays(30).toString()))
                .body("seller.siren", notNullValue())
                .body("seller.vatNumber", notNullValue())
                .body("buyer.name", equalTo("Collège Jean Moulin"))
                .body("buyer.siret", equalTo("19690000000012"))
                .body("lines[0].quantity", equalTo(2))
                .body("lines[0].unitPriceExcludingTax.amount", equalTo(6000))
                .body("lines[0].vatRate", equalTo("20 %"))
                .body("totals.includingTax.amount", equalTo(14400))
                .body("purchaseOrderReference", equalTo("BC-2026-17"))
                .body("latePaymentPenalties", containsString("40 €"));

        given().header("Authorization", ops()).when().post("/api/tokens/orders/" + id + "/approve")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(Db.balances(org)).containsExactly(2, 2, 2);

        given().header("Authorization", ops()).contentType(ContentType.JSON).body(Map.of("reference", "VIR-889"))
                .when().post("/api/tokens/orders/" + id + "/payment")
                .then().statusCode(200).body("status", equalTo("PAID")).body("paidAt", notNullValue());
        given().header("Authorization", admin(org)).when().get("/api/tokens/invoices/" + invoiceId)
                .then().statusCode(200).body("status", equalTo("PAID"));
        given().header("Authorization", ops()).contentType(ContentType.JSON).body(Map.of("reference", "VIR-889"))
                .when().post("/api/tokens/orders/" + id + "/payment")
                .then().statusCode(409);

        UUID other = UUID.randomUUID();
        given().header("Authorization", admin(other)).when().get("/api/tokens/orders/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", admin(other)).when().get("/api/tokens/invoices/" + invoiceId)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", admin(other)).when().get("/api/tokens/invoices/" + invoiceId + "/pdf")
                .then().statusCode(404);
        given().header("Authorization", admin(org)).when().get("/api/tokens/invoices")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(invoiceId));
        given().header("Authorization", admin(org)).when().get("/api/tokens/orders")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].status", equalTo("PAID"));
    }

    @Test
    void invalidOrdersAreRefusedAndStoreNothing() {
        UUID org = UUID.randomUUID();
        order(org, Map.of("quantity", 2, "paymentMethod", "PURCHASE_ORDER"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("purchaseOrderReference", "billing"));
        order(org, Map.of("quantity", 101, "paymentMethod", "PURCHASE_ORDER", "purchaseOrderReference", "X",
                "billing", BILLING))
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("quantity"));
        order(org, Map.of("quantity", 1, "paymentMethod", "CHEQUE"))
                .then().statusCode(400).contentType("application/problem+json");
        order(org, Map.of("quantity", 1, "paymentMethod", "PURCHASE_ORDER", "purchaseOrderReference", "X",
                "billing", Map.of("name", "A", "address", "B", "postcode", "1", "city", "C", "siret", "123")))
                .then().statusCode(400).body("errors[0].field", equalTo("billing.siret"));
        given().header("Authorization", TestTokens.user("staff").org(org).roles("school-staff").bearer())
                .contentType(ContentType.JSON).body(Map.of("quantity", 1, "paymentMethod", "CARD"))
                .when().post("/api/tokens/orders").then().statusCode(403);
        assertThat(Db.count("SELECT count(*) FROM token_order WHERE organisation_id = ?", org)).isZero();
        assertThat(Db.count("SELECT count(*) FROM outbox WHERE kafka_key = ?", org.toString())).isZero();
    }

    @Test
    void opsRejectAPurchaseOrderWithAReasonAndNothingIsCredited() {
        UUID org = UUID.randomUUID();
        String id = purchaseOrder(org, 3);
        given().header("Authorization", ops()).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/tokens/orders/" + id + "/reject")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", ops()).contentType(ContentType.JSON).body(Map.of("reason", "Unknown school"))
                .when().post("/api/tokens/orders/" + id + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("rejectionReason", equalTo("Unknown school"));
        given().header("Authorization", ops()).when().post("/api/tokens/orders/" + id + "/approve")
                .then().statusCode(409);
        given().header("Authorization", ops()).when().post("/api/tokens/orders/" + UUID.randomUUID() + "/approve")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(Db.outbox("OrderRejected", org)).isEqualTo(1);
        assertThat(Db.balances(org)).containsExactly(0, 0, 0);
        assertThat(Db.count("SELECT count(*) FROM invoice WHERE organisation_id = ?", org)).isZero();
    }

    @Test
    void opsSeeThePurchaseOrdersWaitingLongerThan20Hours() {
        UUID org = UUID.randomUUID();
        String old = purchaseOrder(org, 1);
        String fresh = purchaseOrder(org, 1);
        Db.execute("UPDATE token_order SET created_at = now() - interval '21 hours' WHERE id = ?", UUID.fromString(old));

        given().header("Authorization", ops()).queryParam("overdue", true).queryParam("size", 100)
                .when().get("/api/tokens/orders/awaiting-approval")
                .then().statusCode(200)
                .body("items.id", hasItem(old))
                .body("items.id", not(hasItem(fresh)));
        given().header("Authorization", ops()).queryParam("size", 100)
                .when().get("/api/tokens/orders/awaiting-approval")
                .then().statusCode(200).body("items.id", hasItem(fresh));
        given().header("Authorization", admin(org)).when().get("/api/tokens/orders/awaiting-approval")
                .then().statusCode(403);
    }

    @Test
    void invoiceNumbersFollowTheOrderOfIssueWithoutGapsEvenConcurrentlyAndAfterARollback() throws Exception {
        List<String> numbers = LedgerConcurrencyTest.concurrently(20, i -> invoices.issueFor(sampleOrder(), true).number);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            invoices.issueFor(sampleOrder(), true);
            throw new IllegalStateException("rolled back");
        })).hasMessageContaining("rolled back");
        String after = QuarkusTransaction.requiringNew().call(() -> invoices.issueFor(sampleOrder(), true).number);

        assertThat(numbers).doesNotHaveDuplicates();
        int year = LocalDate.now(ZoneId.of("Europe/Paris")).getYear();
        long count = Db.count("SELECT count(*) FROM invoice WHERE year = ?", year);
        long max = Db.count("SELECT max(sequence) FROM invoice WHERE year = ?", year);
        assertThat(count).as("no gap: every number from 1 to the last is used once").isEqualTo(max);
        assertThat(after).isEqualTo("%d-%06d".formatted(year, max));
        assertThat(Db.count("SELECT count(DISTINCT number) FROM invoice")).isEqualTo(Db.count("SELECT count(*) FROM invoice"));
    }

    @Test
    void aCreditNoteCancelsAnInvoiceOnceAndTheInvoiceIsAFacturXPdf() throws Exception {
        UUID org = UUID.randomUUID();
        String id = purchaseOrder(org, 2);
        String invoiceId = given().header("Authorization", ops()).when().post("/api/tokens/orders/" + id + "/approve")
                .then().statusCode(200).extract().path("invoiceId");
        var issued = given().header("Authorization", admin(org)).when().get("/api/tokens/invoices/" + invoiceId)
                .then().extract();
        String number = issued.path("number");

        byte[] pdf = given().header("Authorization", admin(org)).when().get("/api/tokens/invoices/" + invoiceId + "/pdf")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        ZUGFeRDImporter imported = new ZUGFeRDImporter(new ByteArrayInputStream(pdf));
        assertThat(imported.getInvoiceID()).isEqualTo(number);
        String xml = new String(imported.getRawXML(), StandardCharsets.UTF_8);
        assertThat(xml).contains("CrossIndustryInvoice").contains("Collège Jean Moulin").contains("144.00")
                .contains("BC-2026-17").contains("SERVICE-COMPTA").contains("<ram:TypeCode>380</ram:TypeCode>");
        // The calendar days of the invoice, not the day before (dates are written in the JVM's zone).
        assertThat(xml).containsPattern("IssueDateTime>\\s*<udt:DateTimeString format=\"102\">"
                        + issued.<String>path("issuedOn").replace("-", "") + "<")
                .containsPattern("DueDateDateTime>\\s*<udt:DateTimeString format=\"102\">"
                        + issued.<String>path("dueOn").replace("-", "") + "<")
                .contains("<ram:DuePayableAmount>144.00</ram:DuePayableAmount>");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains("pdfaid:part").contains("factur-x.xml");

        given().header("Authorization", admin(org)).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/tokens/invoices/" + invoiceId + "/credit-note").then().statusCode(403);
        String noteId = given().header("Authorization", ops()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Commande en double"))
                .when().post("/api/tokens/invoices/" + invoiceId + "/credit-note")
                .then().statusCode(201)
                .body("kind", equalTo("CREDIT_NOTE"))
                .body("creditsInvoiceId", equalTo(invoiceId))
                .body("totals.includingTax.amount", equalTo(14400))
                .body("number", not(equalTo(number)))
                .extract().path("id");
        given().header("Authorization", admin(org)).when().get("/api/tokens/invoices/" + invoiceId)
                .then().body("status", equalTo("CANCELLED"));
        given().header("Authorization", ops()).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .when().post("/api/tokens/invoices/" + invoiceId + "/credit-note")
                .then().statusCode(409).contentType("application/problem+json");
        byte[] notePdf = given().header("Authorization", admin(org)).when().get("/api/tokens/invoices/" + noteId + "/pdf")
                .then().statusCode(200).extract().asByteArray();
        assertThat(new String(new ZUGFeRDImporter(new ByteArrayInputStream(notePdf)).getRawXML(), StandardCharsets.UTF_8))
                .contains("<ram:TypeCode>381</ram:TypeCode>");
        assertThat(Db.outbox("InvoiceIssued", org)).isEqualTo(2);
    }

    static TokenOrder sampleOrder() {
        TokenOrder order = new TokenOrder();
        order.id = UUID.randomUUID();
        order.organisationId = UUID.randomUUID();
        order.quantity = 1;
        order.paymentMethod = TokenOrder.PaymentMethod.CARD;
        order.currency = "EUR";
        order.unitExcludingTax = 6000;
        order.vatRateBasisPoints = 2000;
        order.totalExcludingTax = 6000;
        order.vat = 1200;
        order.totalIncludingTax = 7200;
        order.billingName = "École test";
        return order;
    }
}
