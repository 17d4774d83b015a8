package dev.sessio.tokens.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.tokens.config.TokensConfig;
import dev.sessio.tokens.domain.BillingDetails;
import dev.sessio.tokens.domain.Orders;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.UUID;

/**
 * Verifies a Stripe webhook call (HMAC of the raw body with the endpoint secret, 300 s tolerance) and turns the
 * checkout events into order transitions. The data object is read from the raw JSON: an event whose api_version
 * differs from the SDK's would otherwise deserialise to nothing.
 */
@ApplicationScoped
public class StripeWebhook {

    private static final Logger LOG = Logger.getLogger(StripeWebhook.class);

    private final TokensConfig.Stripe config;
    private final Orders orders;
    private final ObjectMapper json;

    public StripeWebhook(TokensConfig config, Orders orders, ObjectMapper json) {
        this.config = config.stripe();
        this.orders = orders;
        this.json = json;
    }

    /** @return whether the event concerned one of our orders */
    public boolean receive(String payload, String signature) {
        String secret = config.webhookSecret().orElseThrow(() -> new ProblemException(503,
                "card-payments-unavailable", "Card payments unavailable", "The webhook secret is not configured"));
        if (signature == null || signature.isBlank() || payload == null) {
            throw invalid("Missing Stripe-Signature header");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, secret, config.webhookToleranceSeconds());
        } catch (SignatureVerificationException e) {
            throw invalid("The Stripe-Signature does not match this payload");
        } catch (RuntimeException e) {
            throw invalid("Not a Stripe event");
        }
        JsonNode object;
        try {
            object = json.readTree(payload).path("data").path("object");
        } catch (IOException e) {
            throw invalid("Not a Stripe event");
        }
        UUID orderId = orderId(object);
        String sessionId = object.path("id").asText(null);
        LOG.infof("Stripe %s %s for order %s", event.getType(), event.getId(), orderId);
        return switch (event.getType()) {
            case "checkout.session.completed" -> {
                String status = object.path("payment_status").asText("");
                // "unpaid" means a delayed method (e.g. SEPA debit): async_payment_succeeded will follow.
                yield ("paid".equals(status) || "no_payment_required".equals(status))
                        && orders.cardPaid(orderId, sessionId, customer(object)).isPresent();
            }
            case "checkout.session.async_payment_succeeded" ->
                    orders.cardPaid(orderId, sessionId, customer(object)).isPresent();
            case "checkout.session.expired", "checkout.session.async_payment_failed" ->
                    orders.checkoutExpired(orderId, sessionId).isPresent();
            default -> false;
        };
    }

    private static UUID orderId(JsonNode session) {
        String id = session.path("metadata").path("order_id").asText(session.path("client_reference_id").asText(null));
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static BillingDetails customer(JsonNode session) {
        JsonNode details = session.path("customer_details");
        if (details.isMissingNode() || details.isNull() || details.path("name").isNull()) {
            return null;
        }
        JsonNode address = details.path("address");
        String street = address.path("line1").asText(null);
        String line2 = address.path("line2").asText(null);
        if (street != null && line2 != null && !line2.isBlank()) {
            street = street + ", " + line2;
        }
        return new BillingDetails(details.path("name").asText(null), street, address.path("postal_code").asText(null),
                address.path("city").asText(null), address.path("country").asText(null), null, null,
                details.path("email").asText(null));
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-stripe-signature", "Invalid Stripe webhook", detail);
    }
}
