package dev.sessio.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Routes, public operations and limits of the gateway ({@code gateway.*}). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Upstream services by name; a request goes to the route with the longest matching prefix. */
    Map<String, Route> routes();

    /** {@code METHOD /path} patterns reachable without a token ({@code *} = one segment, {@code **} = the rest). */
    List<String> publicOperations();

    /** Operations limited per client address (sign-up, password reset, join links). */
    List<String> sensitiveOperations();

    /**
     * The longest the gateway waits for an upstream answer before a 504, counted from the moment it forwards the
     * request: waiting for a free pooled connection included.
     */
    @WithDefault("10s")
    Duration upstreamTimeout();

    /** Connections kept open to each upstream; requests beyond them wait (within the timeout) for a free one. */
    @WithDefault("64")
    int upstreamPoolSize();

    @WithDefault("2s")
    Duration connectTimeout();

    /** Larger bodies answer 413 before reaching a service. */
    @WithDefault("1048576")
    long maxBodyBytes();

    RateLimit rateLimit();

    interface Route {
        List<String> prefixes();

        /**
         * The service's address, or its replicas' addresses comma-separated: taken in turn, a replica refusing the
         * connection skipped ({@code GATEWAY_ROUTES_SESSIONS_UPSTREAM=http://127.0.0.1:8083,http://127.0.0.1:8183}).
         */
        List<URI> upstream();

        /** Path of the service's OpenAPI document; empty for services without an API document. */
        @WithDefault("/q/openapi?format=json")
        Optional<String> openapi();
    }

    interface RateLimit {
        /** Requests per minute per client ({@code azp} + {@code sub}) on authenticated operations. */
        @WithDefault("600")
        int perClientPerMinute();

        /** Requests per minute per client address on sensitive operations. */
        @WithDefault("10")
        int sensitivePerAddressPerMinute();
    }
}
