package dev.sessio.tokens.infra;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.tokens.config.TokensConfig;
import dev.sessio.tokens.domain.TokenOrder;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * Stripe Checkout through the Stripe Java SDK: one session per card order, the order id in its metadata and as
 * {@code client_reference_id}, created with the order id as Stripe's Idempotency-Key so a retry never makes two.
 */
@ApplicationScoped
public class StripeCheckout {

    private static final Logger LOG = Logger.getLogger(StripeCheckout.class);

    public record Session(String id, String url) {
    }

    private final TokensConfig.Stripe config;
    private volatile StripeClient client;

    public StripeCheckout(TokensConfig config) {
        this.config = config.stripe();
    }

    public Session createSession(TokenOrder order) {
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(order.id.toString())
                .setSuccessUrl(config.successUrl().replace("{ORDER_ID}", order.id.toString()))
                .setCancelUrl(config.cancelUrl().replace("{ORDER_ID}", order.id.toString()))
                .putMetadata("order_id", order.id.toString())
                .putMetadata("organisation_id", order.organisationId.toString())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("order_id", order.id.toString()).build())
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity((long) order.quantity)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(order.currency.toLowerCase(Locale.ROOT))
                                .setUnitAmount(order.totalIncludingTax / order.quantity)
                                .setTaxBehavior(SessionCreateParams.LineItem.PriceData.TaxBehavior.INCLUSIVE)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(config.productName()).build())
                                .build())
                        .build());
        if (order.billingEmail != null) {
            params.setCustomerEmail(order.billingEmail);
        }
        try {
            com.stripe.model.checkout.Session session = client().v1().checkout().sessions().create(params.build(),
                    RequestOptions.builder().setIdempotencyKey("order-" + order.id).build());
            return new Session(session.getId(), session.getUrl());
        } catch (StripeException e) {
            LOG.warnf("Stripe refused the checkout session for order %s: %s (request %s)", order.id, e.getMessage(),
                    e.getRequestId());
            throw new ProblemException(502, "payment-provider-error", "Payment provider error",
                    "The card payment could not be started; please try again later");
        }
    }

    private StripeClient client() {
        if (client == null) {
            String key = config.apiKey().orElseThrow(() -> new ProblemException(503, "card-payments-unavailable",
                    "Card payments unavailable", "Card payments are not configured; order by purchase order"));
            StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(key);
            config.apiBase().ifPresent(builder::setApiBase);
            client = builder.build();
        }
        return client;
    }
}
