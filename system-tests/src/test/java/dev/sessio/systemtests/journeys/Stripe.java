package dev.sessio.systemtests.journeys;

import com.stripe.net.Webhook;
import dev.sessio.systemtests.Platform;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static dev.sessio.systemtests.journeys.Journey.gateway;

/** Plays Stripe's side of Checkout: the webhook events Stripe posts, signed with the endpoint's secret. */
final class Stripe {

    private Stripe() {
    }

    /** {@code checkout.session.completed} for the Checkout Session the order got ({@code cs_test_<order id>}). */
    static String checkoutCompleted(String orderId, long amountTotal) {
        return checkoutSession("checkout.session.completed", orderId, "paid", "complete", amountTotal);
    }

    /** {@code checkout.session.expired} for the order's Checkout Session (Stripe sends it when nobody paid in time). */
    static String checkoutExpired(String orderId) {
        return checkoutSession("checkout.session.expired", orderId, "unpaid", "expired", 21600);
    }

    private static String checkoutSession(String type, String orderId, String paymentStatus, String status,
                                          long amountTotal) {
        return """
                {"id":"evt_%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"%s",
                 "data":{"object":{"id":"cs_test_%s","object":"checkout.session","client_reference_id":"%s",
                   "metadata":{"order_id":"%s"},"mode":"payment","payment_status":"%s","status":"%s",
                   "amount_total":%d,"currency":"eur",
                   "customer_details":{"name":"École Journey","email":"compta@ecole-journey.test",
                     "address":{"line1":"1 rue de l'École","line2":null,"postal_code":"75001","city":"Paris","country":"FR"}}}}}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), System.currentTimeMillis() / 1000, type,
                        orderId, orderId, orderId, paymentStatus, status, amountTotal);
    }

    /** Posts the event through the gateway as Stripe would: raw body, {@code Stripe-Signature: t=…,v1=…}. */
    static Response deliver(String payload, String secret) {
        return gateway().contentType("application/json; charset=utf-8")
                .header("Stripe-Signature", signature(payload, secret, System.currentTimeMillis() / 1000))
                .body(payload.getBytes(StandardCharsets.UTF_8))
                .post("/api/tokens/stripe/webhook");
    }

    static Response deliver(String payload) {
        return deliver(payload, Platform.secret("STRIPE_WEBHOOK_SECRET"));
    }

    /** Stripe's scheme: {@code t=<ts>,v1=<hex HMAC-SHA256(secret, ts + "." + payload)>}. Real time: Stripe's. */
    static String signature(String payload, String secret, long timestamp) {
        try {
            // stripe-java's own HMAC, the one its Webhook.constructEvent checks against.
            return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
