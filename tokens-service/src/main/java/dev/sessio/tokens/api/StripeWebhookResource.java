package dev.sessio.tokens.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.tokens.infra.StripeWebhook;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Stripe calls this; it proves who it is with the {@code Stripe-Signature} header, not with a bearer token. */
@Bulkheaded
@Path("/api/tokens/stripe/webhook")
@Tag(name = "Stripe", description = "Stripe webhook endpoint")
@RunOnVirtualThread
public class StripeWebhookResource {

    private final StripeWebhook webhook;

    public StripeWebhookResource(StripeWebhook webhook) {
        this.webhook = webhook;
    }

    @POST
    @PermitAll
    @SecurityRequirements
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stripe events: checkout.session.completed / async_payment_succeeded credit the order, "
            + "checkout.session.expired / async_payment_failed cancel it")
    @APIResponse(responseCode = "200", description = "Event verified and applied (or not relevant)")
    @APIResponse(responseCode = "400", description = "Missing or invalid signature, or not a Stripe event; nothing changed")
    public Map<String, Object> stripeWebhook(@HeaderParam("Stripe-Signature") String signature, String payload) {
        return Map.of("received", true, "applied", webhook.receive(payload, signature));
    }
}
