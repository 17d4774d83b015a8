package dev.sessio.tokens;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local stand-in for Stripe's API (WireMock), answering {@code POST /v1/checkout/sessions} with the JSON shape of
 * a Checkout Session whose id is {@code cs_test_<client_reference_id>}; a quantity of 99 makes it fail like Stripe
 * does when it is down. Also gives the tests a webhook endpoint secret. Belongs in platform/testing next to OIDC.
 */
public class StripeResource implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "sk_test_stub_key";
    public static final String WEBHOOK_SECRET = "whsec_test_stub_secret";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").globalTemplating(true));
        server.start();
        server.stubFor(post(urlEqualTo("/v1/checkout/sessions")).atPriority(5).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_stub")
                .withBody("""
                        {{formData request.body 'form' urlDecode=true}}{
                          "id": "cs_test_{{form.client_reference_id}}",
                          "object": "checkout.session",
                          "client_reference_id": "{{form.client_reference_id}}",
                          "mode": "payment",
                          "status": "open",
                          "payment_status": "unpaid",
                          "currency": "eur",
                          "livemode": false,
                          "metadata": {"order_id": "{{form.client_reference_id}}"},
                          "success_url": "https://app.sessio.test/ok",
                          "cancel_url": "https://app.sessio.test/cancel",
                          "url": "https://checkout.stripe.com/c/pay/cs_test_{{form.client_reference_id}}"
                        }""")));
        server.stubFor(post(urlEqualTo("/v1/checkout/sessions")).atPriority(1)
                .withRequestBody(matching(".*line_items(%5B|\\[)0(%5D|\\])(%5B|\\[)quantity(%5D|\\])=99(&.*|$)"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error": {"type": "api_error", "message": "Stripe is having a bad day"}}""")));
        return Map.of(
                "tokens.stripe.api-base", server.baseUrl(),
                "tokens.stripe.api-key", API_KEY,
                "tokens.stripe.webhook-secret", WEBHOOK_SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
