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

    OversizedBody oversizedBody();

    /**
     * Proxies (IP addresses or CIDRs) whose {@code Forwarded} / {@code X-Forwarded-For} give the client's address;
     * none by default: the direct peer is the client, whatever headers it sends.
     */
    Optional<List<String>> trustedProxies();

    RateLimit rateLimit();

    /**
     * After a 413 the rest of the refused body is read and dropped (a lingering close, as nginx does) so that a
     * client sending its whole body before reading gets the answer, not a reset; within these bounds.
     */
    interface OversizedBody {
        @WithDefault("4194304")
        long drainBytes();

        @WithDefault("5s")
        Duration drainTimeout();
    }

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

        Join join();
    }

    /** Join links, shared by a school's staff behind one address (see {@code JoinLimits}). */
    interface Join {
        /** The join operations; {@code *} in the pattern is the code. */
        @WithDefault("GET /api/video/join/*,POST /api/video/join/*")
        List<String> operations();

        /** Requests at once per code and address: 100 staff opening the page and joining fit in it. */
        @WithDefault("300")
        int burst();

        /** Refill per code and address. */
        @WithDefault("150")
        int perMinute();

        /** Lookups answered 404 (unknown code) an address may make at once before its join requests answer 429. */
        @WithDefault("10")
        int failedLookupsPerAddress();

        /** How fast an address earns failed lookups back. */
        @WithDefault("10")
        int failedLookupsPerAddressPerMinute();
    }
}
