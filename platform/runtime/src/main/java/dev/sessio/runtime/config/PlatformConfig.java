package dev.sessio.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings every service shares ({@code sessio.*}). */
@ConfigMapping(prefix = "sessio")
public interface PlatformConfig {

    /** The service's short name: events carry {@code ce_source = /sessio/<name>}. */
    String serviceName();

    Outbox outbox();

    Inbox inbox();

    Idempotency idempotency();

    Problems problems();

    ClockSettings clock();

    DecisionSettings decisions();

    HttpSettings http();

    interface HttpSettings {
        /** Database connections HTTP requests never take: the consumers' and the outbox relay's. */
        @WithDefault("6")
        int reservedConnections();

        /** How long a request waits for its share of the connections before a 503 with Retry-After. */
        @WithDefault("5s")
        Duration admissionWait();
    }

    interface Outbox {
        /** Off in a replica that should only serve HTTP; the relay is safe with several replicas anyway. */
        @WithDefault("true")
        boolean relayEnabled();

        @WithDefault("200")
        int batchSize();

        /** Longest wait between two looks at the table when no NOTIFY arrives. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** How long the broker may take to acknowledge a batch before the relay gives up and retries. */
        @WithDefault("30s")
        Duration sendTimeout();

        /** Sent rows are deleted after this. */
        @WithDefault("7d")
        Duration retention();
    }

    interface Inbox {
        /** Attempts at one record before it goes to the dead-letter topic. */
        @WithDefault("3")
        int attempts();

        /** Redeliveries older than this are no longer expected: their ids are pruned. */
        @WithDefault("30d")
        Duration retention();
    }

    interface Idempotency {
        @WithDefault("24h")
        Duration ttl();
    }

    interface Problems {
        /** Base of every problem type URI. */
        @WithDefault("https://sessio.dev/problems/")
        String baseUri();
    }

    interface DecisionSettings {
        /** Listen for announced decisions ({@code Decisions}); on in the services whose requests wait for one. */
        @WithDefault("false")
        boolean listen();

        /** How long a request waits for a decision when the client sends no {@code Prefer: wait}. */
        @WithDefault("2s")
        Duration defaultWait();

        /** The longest {@code Prefer: wait} honoured: below the gateway's upstream timeout. */
        @WithDefault("8s")
        Duration maxWait();
    }

    interface ClockSettings {
        /**
         * A file holding an ISO-8601 duration (e.g. {@code PT48H}) the clock runs ahead by; re-read every 100 ms.
         * Set by the local platform only, so end-to-end tests can move time. Unset: the system clock.
         */
        Optional<String> offsetFile();
    }
}
