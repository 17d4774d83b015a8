package dev.sessio.accounts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Everything accounts-service reads from configuration; secrets only from the environment. */
@ConfigMapping(prefix = "accounts")
public interface AccountsConfig {

    Keycloak keycloak();

    Tokens tokens();

    RateLimit rateLimit();

    /** Locale written into events when the person gave none (emails are French first). */
    @WithDefault("fr")
    String defaultLocale();

    interface Keycloak {
        /** Base URL of Keycloak, e.g. {@code http://127.0.0.1:8180}. */
        @WithDefault("http://127.0.0.1:8180")
        String url();

        @WithDefault("sessio")
        String realm();

        /** The confidential client whose service account holds the realm-management roles. */
        @WithDefault("accounts-service")
        String clientId();

        /** From {@code SESSIO_KEYCLOAK_ADMIN_CLIENT_SECRET}; never committed. */
        Optional<String> clientSecret();

        /** Prefix of the client ids made for partner schools' API clients. */
        @WithDefault("partner-")
        String partnerClientPrefix();
    }

    interface Tokens {
        /** How long an email confirmation link stays valid. */
        @WithDefault("48h")
        Duration verification();

        @WithDefault("1h")
        Duration passwordReset();

        @WithDefault("7d")
        Duration invitation();
    }

    interface RateLimit {
        /** Window over which password-reset and resend requests are counted. */
        @WithDefault("15m")
        Duration window();

        /** Requests per email address and window. */
        @WithDefault("3")
        int perEmail();

        /** Requests per client address and window. */
        @WithDefault("20")
        int perAddress();
    }
}
