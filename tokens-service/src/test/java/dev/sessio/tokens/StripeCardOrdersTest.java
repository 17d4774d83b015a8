package dev.sessio.tokens;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.net.Webhook;
import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Card orders: Stripe Checkout through the SDK (stubbed API), then signed webhooks credit or cancel the order. */
@QuarkusTest
class StripeCardOrdersTest {

    static String admin(UUID org) {
        return TestTokens.user("admin-" + org).org(org).roles("school-admin").bearer();
    }

    static String cardOrder(UUID org, int quantity) {
        return given().header("Authorization", admin(org)).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("quantity", quantity, "paymentMethod", "CARD"))
                .when().post("/api/tokens/orders")
                .then().statusCode(201)
                .body("status", equalTo("AWAITING_PAYMENT"))
                .body("checkoutUrl", startsWith("https://checkout.stripe.com/c/pay/cs_test_"))
                .extract().path("id");
    }

    @Test
    void aCardOrderCreatesACheckoutSessionWithTheOrderInItsMetadata() {
        UUID org = UUID.randomUUID();
        String id = cardOrder(org, 2);

        List<LoggedRequest> calls = stripe().find(postRequestedFor(urlEqualTo("/v1/checkout/sessions")))
                .stream().filter(r -> r.getBodyAsString().contains(id)).toList();
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.getFirst();
        String form = java.net.URLDecoder.decode(call.getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(form).contains("metadata[order_id]=" + id).contains("client_reference_id=" + id)
                .contains("line_items[0][quantity]=2").contains("line_items[0][price_data][unit_amount]=7200")
                .contains("line_items[0][price_data][currency]=eur").contains("mode=payment");
        assertThat(call.getHeader("Idempotency-Key")).isEqualTo("order-" + id);
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + StripeResource.API_KEY);
        assertThat(Db.string("SELECT stripe_checkout_session_id FROM token_order WHERE id = ?", UUID.fromString(id)))
                .isEqualTo("cs_test_" + id);
    }

    @Test
    void whenStripeFailsTheOrderIsNotStored() {
        UUID org = UUID.randomUUID();
        given().header("Authorization", admin(org)).contentType(ContentType.JSON)
                .body(Map.of("quantity", 99, "paymentMethod", "CARD"))
                .when().post("/api/tokens/orders")
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/payment-provider-error"));
        assertThat(Db.count("SELECT count(*) FROM token_order WHERE organisation_id = ?", org)).isZero();
    }

    @Test
    void aPaidCheckoutCreditsTheTokensIssuesAPaidInvoiceOnceEvenWhenDeliveredTwice() {
        UUID org = UUID.randomUUID();
        String id = cardOrder(org, 2);
        String completed = event("checkout.session.completed", id, "paid");

        webhook(completed, sign(completed, StripeResource.WEBHOOK_SECRET)).then().statusCode(200)
                .body("applied", equalTo(true));
        webhook(completed, sign(completed, StripeResource.WEBHOOK_SECRET)).then().statusCode(200);

        given().header("Authorization", admin(org)).when().get("/api/tokens/orders/" + id)
                .then().statusCode(200).body("status", equalTo("PAID"));
        assertThat(Db.balances(org)).containsExactly(2, 2, 2);
        assertThat(Db.outbox("TokensCredited", org)).isEqualTo(1);
        assertThat(Db.outbox("InvoiceIssued", org)).isEqualTo(1);
        given().header("Authorization", admin(org)).when().get("/api/tokens/invoices")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("PAID"))
                .body("items[0].paymentMethod", equalTo("CARD"))
                .body("items[0].buyer.name", equalTo("École Jules Ferry"))
                .body("items[0].buyer.city", equalTo("Lyon"))
                .body("items[0].totals.includingTax.amount", equalTo(14400));
        String invoiceId = given().header("Authorization", admin(org)).when().get("/api/tokens/invoices")
                .then().extract().path("items[0].id");
        byte[] pdf = given().header("Authorization", admin(org)).when().get("/api/tokens/invoices/" + invoiceId + "/pdf")
                .then().statusCode(200).extract().asByteArray();
        String xml = new String(new org.mustangproject.ZUGFeRD.ZUGFeRDImporter(new java.io.ByteArrayInputStream(pdf))
                .getRawXML(), StandardCharsets.UTF_8);
        assertThat(xml).as("paid by card: nothing left to pay in the Factur-X data")
                .contains("<ram:TotalPrepaidAmount>144.00</ram:TotalPrepaidAmount>")
                .contains("<ram:DuePayableAmount>0.00</ram:DuePayableAmount>");
    }

    @Test
    void badOrMissingSignaturesAnswer400AndChangeNothing() {
        UUID org = UUID.randomUUID();
        String id = cardOrder(org, 1);
        String completed = event("checkout.session.completed", id, "paid");

        webhook(completed, null).then().statusCode(400).contentType("application/problem+json");
        webhook(completed, sign(completed, "whsec_someone_else")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/invalid-stripe-signature"));
        webhook(completed.replace("\"paid\"", "\"paid\" "), sign(completed, StripeResource.WEBHOOK_SECRET))
                .then().statusCode(400);
        long old = System.currentTimeMillis() / 1000 - 600;
        webhook(completed, sign(completed, StripeResource.WEBHOOK_SECRET, old)).then().statusCode(400);
        webhook(completed, "t=" + System.currentTimeMillis() / 1000).then().statusCode(400);

        given().header("Authorization", admin(org)).when().get("/api/tokens/orders/" + id)
                .then().body("status", equalTo("AWAITING_PAYMENT"));
        assertThat(Db.balances(org)).containsExactly(0, 0, 0);
        assertThat(Db.count("SELECT count(*) FROM invoice WHERE organisation_id = ?", org)).isZero();
    }

    @Test
    void eventsInAnyOrderGiveTheSameEndState() {
        UUID org = UUID.randomUUID();
        String expiredFirst = cardOrder(org, 1);
        String paidFirst = cardOrder(org, 1);
        String neverPaid = cardOrder(org, 1);

        for (String[] step : new String[][]{
                {"checkout.session.expired", expiredFirst, "unpaid"}, {"checkout.session.completed", expiredFirst, "paid"},
                {"checkout.session.completed", paidFirst, "paid"}, {"checkout.session.expired", paidFirst, "unpaid"},
                {"checkout.session.expired", neverPaid, "unpaid"}, {"checkout.session.expired", neverPaid, "unpaid"}}) {
            String payload = event(step[0], step[1], step[2]);
            webhook(payload, sign(payload, StripeResource.WEBHOOK_SECRET)).then().statusCode(200);
        }

        given().header("Authorization", admin(org)).when().get("/api/tokens/orders/" + expiredFirst)
                .then().body("status", equalTo("PAID"));
        given().header("Authorization", admin(org)).when().get("/api/tokens/orders/" + paidFirst)
                .then().body("status", equalTo("PAID"));
        given().header("Authorization", admin(org)).when().get("/api/tokens/orders/" + neverPaid)
                .then().body("status", equalTo("CANCELLED"));
        assertThat(Db.balances(org)).containsExactly(2, 2, 2);
        assertThat(Db.outbox("InvoiceIssued", org)).isEqualTo(2);
    }

    @Test
    void eventsForUnknownOrdersAndOtherTypesAreAcknowledgedWithoutEffect() {
        String unknown = event("checkout.session.completed", UUID.randomUUID().toString(), "paid");
        webhook(unknown, sign(unknown, StripeResource.WEBHOOK_SECRET)).then().statusCode(200)
                .body("applied", equalTo(false));
        String other = event("payment_intent.created", UUID.randomUUID().toString(), "unpaid");
        webhook(other, sign(other, StripeResource.WEBHOOK_SECRET)).then().statusCode(200)
                .body("applied", equalTo(false));
    }

    static io.restassured.response.Response webhook(String payload, String signature) {
        var request = given().contentType("application/json; charset=utf-8").body(payload.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return request.when().post("/api/tokens/stripe/webhook");
    }

    /** A Stripe event as Stripe sends it (api_version of stripe-java 33). */
    static String event(String type, String orderId, String paymentStatus) {
        return """
                {"id":"evt_%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"%s",
                 "data":{"object":{"id":"cs_test_%s","object":"checkout.session","client_reference_id":"%s",
                   "metadata":{"order_id":"%s"},"mode":"payment","payment_status":"%s","status":"complete",
                   "amount_total":7200,"currency":"eur",
                   "customer_details":{"name":"École Jules Ferry","email":"compta@ecole.test",
                     "address":{"line1":"1 rue de l'École","line2":null,"postal_code":"69001","city":"Lyon","country":"FR"}}}}}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), System.currentTimeMillis() / 1000, type,
                        orderId, orderId, orderId, paymentStatus);
    }

    static String sign(String payload, String secret) {
        return sign(payload, secret, System.currentTimeMillis() / 1000);
    }

    /** Stripe's scheme: {@code t=<ts>,v1=<hex HMAC-SHA256(secret, ts + "." + payload)>}. */
    static String sign(String payload, String secret, long timestamp) {
        try {
            // stripe-java's own HMAC, the one its Webhook.constructEvent checks against.
            return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static WireMock stripe() {
        URI base = URI.create(ConfigProvider.getConfig().getValue("tokens.stripe.api-base", String.class));
        return new WireMock(base.getHost(), base.getPort());
    }
}
