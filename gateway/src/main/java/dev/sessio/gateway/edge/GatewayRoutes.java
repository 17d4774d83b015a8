package dev.sessio.gateway.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The edge: picks the upstream by path prefix, refuses what must not reach a service (no or bad token, too
 * many requests, body too large) with problem+json, then streams the request and the answer through Vert.x's
 * reverse proxy. An upstream that is down answers 503 and one that is too slow 504, within the configured time.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger ACCESS = Logger.getLogger("sessio.access");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final GatewayConfig config;
    private final EdgeAuthenticator authenticator;
    private final ObjectMapper json = new ObjectMapper();
    private final List<OperationPattern> publicOperations;
    private final List<OperationPattern> sensitiveOperations;
    private final RateLimiter perClient;
    private final RateLimiter perAddress;
    private final JoinLimits joinLimits;
    private final ClientAddress clientAddress;
    private final List<Upstream> upstreams;
    private final Vertx vertx;
    private final HttpClient client;

    public GatewayRoutes(GatewayConfig config, EdgeAuthenticator authenticator, Vertx vertx) {
        this.config = config;
        this.authenticator = authenticator;
        this.vertx = vertx;
        this.publicOperations = OperationPattern.parseAll(config.publicOperations());
        this.sensitiveOperations = OperationPattern.parseAll(config.sensitiveOperations());
        this.perClient = new RateLimiter(config.rateLimit().perClientPerMinute(), Clock.systemUTC());
        this.perAddress = new RateLimiter(config.rateLimit().sensitivePerAddressPerMinute(), Clock.systemUTC());
        GatewayConfig.Join join = config.rateLimit().join();
        this.joinLimits = new JoinLimits(OperationPattern.parseAll(join.operations()), join.burst(), join.perMinute(),
                join.failedLookupsPerAddress(), join.failedLookupsPerAddressPerMinute(), Clock.systemUTC());
        this.clientAddress = new ClientAddress(config.trustedProxies().orElse(List.of()));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(config.upstreamPoolSize()));
        // One proxy per route, shared by its prefixes: the replicas are taken in turn across all of them.
        this.upstreams = config.routes().entrySet().stream()
                .flatMap(e -> {
                    HttpProxy proxy = proxyFor(e.getValue());
                    return e.getValue().prefixes().stream().map(prefix -> new Upstream(e.getKey(), prefix,
                            e.getValue(), proxy));
                })
                .sorted(Comparator.comparingInt((Upstream u) -> u.prefix().length()).reversed())
                .toList();
    }

    void routes(@Observes Router router) {
        router.route("/api/*").order(10).handler(this::handle);
    }

    void evictIdleBuckets(@Observes StartupEvent event) {
        vertx.setPeriodic(60_000, id -> {
            perClient.evictIdle();
            perAddress.evictIdle();
            joinLimits.evictIdle();
        });
    }

    public List<Upstream> upstreams() {
        return upstreams;
    }

    HttpClient client() {
        return client;
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        // Nothing of the body is read until the request is allowed through; the proxy resumes it.
        request.pause();
        long started = System.nanoTime();
        String requestId = header(request, "X-Request-Id", REQUEST_ID).orElseGet(() -> UUID.randomUUID().toString());
        String traceparent = header(request, "traceparent", TRACEPARENT).orElseGet(GatewayRoutes::newTraceparent);
        request.headers().set("X-Request-Id", requestId).set("traceparent", traceparent);
        HttpServerResponse response = rc.response();
        Map<String, String> log = new LinkedHashMap<>();
        log.put("requestId", requestId);
        log.put("method", request.method().name());
        log.put("path", request.path());
        response.headersEndHandler(v -> securityHeaders(response, requestId));
        response.endHandler(v -> accessLog(log, response.getStatusCode(), started));

        String path = request.path();
        if (path.startsWith("/api/docs")) {
            rc.next();
            return;
        }
        Upstream upstream = upstreams.stream().filter(u -> u.serves(path)).findFirst().orElse(null);
        if (upstream == null) {
            ProblemResponses.send(response, 404, "not-found", "Not found", "No API at this address");
            return;
        }
        log.put("route", upstream.name());
        String length = request.getHeader("Content-Length");
        if (length != null && parseLong(length) > config.maxBodyBytes()) {
            refuseOversizedBody(request, response);
            return;
        }
        String method = request.method().name();
        String address = clientAddress(request);
        String joinCode = joinLimits.code(method, path);
        if (joinCode != null) {
            if (refusedByLimit(joinLimits.admit(address, joinCode), response)) {
                return;
            }
            rc.addEndHandler(v -> joinLimits.answered(address, joinCode, response.getStatusCode()));
        }
        if (OperationPattern.any(sensitiveOperations, method, path)
                && refusedByLimit(perAddress.acquire("addr:" + address), response)) {
            return;
        }
        if (OperationPattern.any(publicOperations, method, path)) {
            forward(upstream, request, address);
            return;
        }
        String authorization = request.getHeader("Authorization");
        vertx.<java.util.Optional<JsonWebToken>>executeBlocking(() -> authenticator.verify(authorization), false)
                .onComplete(result -> {
                    JsonWebToken token = result.succeeded() ? result.result().orElse(null) : null;
                    if (token == null) {
                        response.putHeader("WWW-Authenticate", "Bearer realm=\"sessio\"");
                        ProblemResponses.send(response, 401, "unauthorized", "Unauthorized",
                                "A valid bearer token for this API is required");
                        return;
                    }
                    String clientId = token.getClaim("azp") == null ? "?" : token.getClaim("azp").toString();
                    log.put("clientId", clientId);
                    if (refusedByLimit(perClient.acquire(clientId + ":" + token.getSubject()), response)) {
                        return;
                    }
                    forward(upstream, request, address);
                });
    }

    private void forward(Upstream upstream, HttpServerRequest request, String address) {
        // Services read the client from X-Forwarded-For, as the gateway resolved it; a Forwarded header would be
        // the client's own word.
        request.headers().remove("Forwarded");
        request.headers().set("X-Forwarded-For", address);
        request.headers().set("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            request.headers().set("X-Forwarded-Host", request.authority().toString());
        }
        upstream.proxy().handle(request);
    }

    /** RateLimit-* (IETF draft) on every limited answer, and a 429 with Retry-After when refused. */
    private static boolean refusedByLimit(RateLimiter.Decision decision, HttpServerResponse response) {
        response.headers()
                .set("RateLimit-Limit", Integer.toString(decision.limit()))
                .set("RateLimit-Remaining", Integer.toString(decision.remaining()))
                .set("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (decision.allowed()) {
            return false;
        }
        long wait = decision.retryAfterSeconds();
        response.putHeader("Retry-After", Long.toString(wait));
        ProblemResponses.send(response, 429, "too-many-requests", "Too many requests",
                "Slow down: retry in " + wait + " s");
        return true;
    }

    /**
     * A 413 the client can read. Most clients send the whole body before reading; closing with unread bytes makes
     * the kernel send a reset that discards the answer. So, as nginx's lingering close, the rest of the body is read
     * and dropped, up to a bound in bytes and in time, and only then is the connection closed.
     */
    private void refuseOversizedBody(HttpServerRequest request, HttpServerResponse response) {
        String detail = "Request bodies are limited to " + config.maxBodyBytes() + " bytes";
        if (request.version() == HttpVersion.HTTP_2) {
            // one stream of a shared connection: Vert.x resets the stream, the connection stays
            ProblemResponses.send(response, 413, "payload-too-large", "Payload too large", detail);
            return;
        }
        long maxDrain = config.oversizedBody().drainBytes();
        long[] drained = {0};
        long timer = vertx.setTimer(config.oversizedBody().drainTimeout().toMillis(), id -> response.close());
        Runnable done = () -> {
            vertx.cancelTimer(timer);
            response.close();
        };
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > maxDrain) {
                done.run();
            }
        });
        request.endHandler(v -> done.run());
        request.exceptionHandler(e -> done.run());
        response.putHeader("Connection", "close");
        ProblemResponses.send(response, 413, "payload-too-large", "Payload too large", detail);
        request.resume();
    }

    private HttpProxy proxyFor(GatewayConfig.Route route) {
        Replicas replicas = new Replicas(route.upstream());
        HttpProxy proxy = HttpProxy.reverseProxy(client);
        long timeout = config.upstreamTimeout().toMillis();
        // One deadline from here to the answer's first bytes: the wait for a pooled connection (a queue when the
        // service is overloaded) counts, and the silence allowed afterwards is only what is left of it.
        proxy.originRequestProvider((request, http) -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
            return replicas.request(http, new RequestOptions().setMethod(request.method()).setURI(request.uri()),
                            deadline)
                    .map(upstream -> upstream.idleTimeout(
                            Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
        });
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                return context.sendRequest().recover(failure -> Future.succeededFuture(unavailable(context, failure)));
            }
        });
        return proxy;
    }

    private static ProxyResponse unavailable(ProxyContext context, Throwable failure) {
        boolean slow = failure instanceof TimeoutException
                || (failure.getMessage() != null && failure.getMessage().toLowerCase().contains("timeout"));
        int status = slow ? 504 : 503;
        ProxyResponse response = context.request().response().setStatusCode(status);
        response.headers().clear();
        response.putHeader("Content-Type", ProblemResponses.MEDIA_TYPE);
        if (!slow) {
            response.putHeader("Retry-After", "5");
        }
        response.setBody(Body.body(ProblemResponses.body(status, slow ? "upstream-timeout" : "upstream-unavailable",
                slow ? "Gateway timeout" : "Service unavailable",
                slow ? "The service did not answer in time" : "The service is not reachable right now")));
        return response;
    }

    private static void securityHeaders(HttpServerResponse response, String requestId) {
        response.headers()
                .set("X-Request-Id", requestId)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        if (!response.headers().contains("Cache-Control")) {
            response.headers().set("Cache-Control", "no-store");
        }
    }

    private void accessLog(Map<String, String> fields, int status, long started) {
        Map<String, Object> line = new LinkedHashMap<>(fields);
        line.put("status", status);
        line.put("latencyMs", (System.nanoTime() - started) / 1_000_000.0);
        try {
            ACCESS.info(json.writeValueAsString(line));
        } catch (Exception e) {
            ACCESS.info(line.toString());
        }
    }

    private String clientAddress(HttpServerRequest request) {
        // The connection's peer, not request.remoteAddress(): with quarkus.http.proxy.proxy-address-forwarding on,
        // Quarkus rewrites the latter from headers anyone can send.
        SocketAddress peer = request.connection() == null ? request.remoteAddress()
                : request.connection().remoteAddress();
        return clientAddress.resolve(peer == null ? null : peer.hostAddress(),
                joined(request, "Forwarded"), joined(request, "X-Forwarded-For"));
    }

    /** A header sent on several lines is one list (RFC 9110 §5.3). */
    private static String joined(HttpServerRequest request, String name) {
        List<String> values = request.headers().getAll(name);
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static java.util.Optional<String> header(HttpServerRequest request, String name, Pattern valid) {
        String value = request.getHeader(name);
        return value != null && valid.matcher(value).matches() ? java.util.Optional.of(value) : java.util.Optional.empty();
    }

    private static String newTraceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(trace);
        ThreadLocalRandom.current().nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** One prefix of a route. */
    public record Upstream(String name, String prefix, GatewayConfig.Route route, HttpProxy proxy) {
        boolean serves(String path) {
            return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
        }
    }
}
