package dev.sessio.tokens.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Everything tokens-service reads from configuration; secrets only from the environment. */
@ConfigMapping(prefix = "tokens")
public interface TokensConfig {

    Price price();

    Validity validity();

    Expiry expiry();

    Stripe stripe();

    PurchaseOrders purchaseOrders();

    Seller seller();

    interface Price {
        /** Price of one token excluding tax, in cents: 60 €. */
        @WithDefault("6000")
        long unitExcludingTax();

        /** VAT rate in basis points: 2000 = 20 %. */
        @WithDefault("2000")
        int vatRateBasisPoints();

        @WithDefault("EUR")
        String currency();

        @WithDefault("1")
        int minQuantity();

        @WithDefault("100")
        int maxQuantity();
    }

    interface Validity {
        /** Last day of the school year (MM-DD), tokens are valid until 23:59:59 that day. */
        @WithDefault("--08-31")
        MonthDay schoolYearLastDay();

        @WithDefault("Europe/Paris")
        ZoneId zone();
    }

    interface Expiry {
        /** How often the expiry job runs; {@code off} disables it (tests call it directly). */
        @WithDefault("10m")
        String every();

        /** How long before an expiry the school is warned (TokensExpiring). */
        @WithDefault("30d")
        Duration warnBefore();
    }

    interface Stripe {
        /** Secret API key, from the environment (STRIPE_API_KEY); without it card orders answer 503. */
        Optional<String> apiKey();

        /** Webhook endpoint secret (whsec_…), from the environment (STRIPE_WEBHOOK_SECRET). */
        Optional<String> webhookSecret();

        /** Where the SDK sends its calls; only set to point it at a stub. */
        Optional<String> apiBase();

        @WithDefault("300")
        long webhookToleranceSeconds();

        @WithDefault("https://app.sessio.dev/account/tokens?order={ORDER_ID}&paid=1")
        String successUrl();

        @WithDefault("https://app.sessio.dev/account/tokens?order={ORDER_ID}&cancelled=1")
        String cancelUrl();

        @WithDefault("Jeton Sessio (1 inscription à une session)")
        String productName();
    }

    interface PurchaseOrders {
        @WithDefault("30")
        int paymentTermDays();

        /** Orders waiting longer than this are listed for ops (the promise is approval within 24 h). */
        @WithDefault("20h")
        Duration approvalAlertAfter();
    }

    /** The seller's legal identity printed on every invoice. */
    interface Seller {
        @WithDefault("Sessio SAS")
        String name();

        @WithDefault("10 rue de la Paix")
        List<String> addressLines();

        @WithDefault("75002")
        String postcode();

        @WithDefault("Paris")
        String city();

        @WithDefault("FR")
        String country();

        @WithDefault("123456789")
        String siren();

        @WithDefault("12345678900012")
        String siret();

        @WithDefault("FR32123456789")
        String vatNumber();

        @WithDefault("SAS au capital de 10 000 € – RCS Paris 123 456 789")
        String legalForm();

        @WithDefault("billing@sessio.dev")
        String email();

        @WithDefault("FR7630006000011234567890189")
        String iban();
    }
}
