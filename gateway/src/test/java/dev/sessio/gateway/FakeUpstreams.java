package dev.sessio.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sessio.testing.FreePorts;
import dev.sessio.testing.OidcIssuer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Services stand-ins for the gateway's tests: an echo service (answers what it received) and a second replica of it,
 * a slow one, a closed port and one that drops requests unanswered; plus the OIDC issuer whose JWKS the gateway
 * checks tokens against.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger ECHO_HITS = new AtomicInteger();
    /** Requests the dropping replica received (and closed the connection on, unanswered). */
    static final AtomicInteger DROPPED = new AtomicInteger();
    /** The one join code the video stand-in knows; any other answers 404. */
    static final String JOIN_CODE = "school-webinar-code";
    /** The peer trusted as a proxy (test config): its X-Forwarded-For names the client. */
    static final String TRUSTED_PROXY = "127.0.0.6";
    private HttpServer echo;
    private HttpServer video;
    private HttpServer echoB;
    private HttpServer slow;
    private ServerSocket dropping;

    /** An echo service answering what it received, and which replica it is. */
    private static HttpServer echo(String replica) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/q/openapi", exchange -> answer(exchange, 200, "application/json", """
                {"openapi":"3.1.0","info":{"title":"Sessio %1$s API","version":"1"},
                 "paths":{"/api/%1$s/things":{"get":{"responses":{"200":{"description":"ok",
                   "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},
                 "components":{"schemas":{"Thing":{"type":"object","properties":{"%1$s":{"type":"string"}}}}}}"""
                .formatted("echo")));
        server.createContext("/", exchange -> {
            ECHO_HITS.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String json = """
                    {"replica":"%s","method":"%s","uri":"%s","bodyLength":%d,"authorization":%s,"requestId":%s,"traceparent":%s,"forwardedFor":%s}"""
                    .formatted(replica, exchange.getRequestMethod(), exchange.getRequestURI(), body.length,
                            quoted(exchange.getRequestHeaders().getFirst("Authorization")),
                            quoted(exchange.getRequestHeaders().getFirst("X-Request-Id")),
                            quoted(exchange.getRequestHeaders().getFirst("traceparent")),
                            quoted(exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
            answer(exchange, 200, "application/json", json);
        });
        server.start();
        return server;
    }

    /** video-service's join links: the page (GET) and joining (POST) for {@link #JOIN_CODE}, 404 for other codes. */
    private static HttpServer video() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/video/join/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String code = exchange.getRequestURI().getPath().substring("/api/video/join/".length());
            if (code.equals(JOIN_CODE)) {
                answer(exchange, 200, "application/json", "{\"code\":\"" + code + "\"}");
            } else {
                answer(exchange, 404, "application/problem+json",
                        "{\"type\":\"https://sessio.dev/problems/not-found\",\"status\":404}");
            }
        });
        server.start();
        return server;
    }

    /** A replica that accepts the connection, reads the request and closes without answering (a crash mid-request). */
    private static ServerSocket dropping() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[8192];
                    StringBuilder head = new StringBuilder();
                    int read;
                    while (!head.toString().contains("\r\n\r\n") && (read = in.read(buffer)) > 0) {
                        head.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    }
                    DROPPED.incrementAndGet();
                } catch (IOException e) {
                    // closed by stop(), or the gateway hung up first
                }
            }
        }, "dropping-replica");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    @Override
    public Map<String, String> start() {
        try {
            echo = echo("a");
            echoB = echo("b");
            slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            slow.setExecutor(Executors.newFixedThreadPool(4));
            slow.createContext("/", exchange -> {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 200, "application/json", "{}");
            });
            slow.start();
            dropping = dropping();
            video = video();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String echoUrl = "http://127.0.0.1:" + echo.getAddress().getPort();
        String issuer = OidcIssuer.get().issuer();
        Map<String, String> config = new HashMap<>();
        config.put("gateway.routes.accounts.upstream", echoUrl);
        config.put("gateway.routes.tokens.upstream", echoUrl);
        config.put("gateway.routes.sessions.upstream", echoUrl);
        config.put("gateway.routes.notifications.upstream", "http://127.0.0.1:" + slow.getAddress().getPort());
        config.put("gateway.routes.video.upstream", "http://127.0.0.1:" + video.getAddress().getPort());
        config.put("gateway.routes.down.prefixes", "/api/down");
        config.put("gateway.routes.down.upstream", "http://127.0.0.1:" + FreePorts.next());
        // Replicas: two echoes with a closed port between them, and one that drops requests before the echo.
        String echoBUrl = "http://127.0.0.1:" + echoB.getAddress().getPort();
        config.put("gateway.routes.replicated.prefixes", "/api/replicated");
        config.put("gateway.routes.replicated.upstream",
                echoUrl + ",http://127.0.0.1:" + FreePorts.next() + "," + echoBUrl);
        config.put("gateway.routes.dropping.prefixes", "/api/dropping");
        config.put("gateway.routes.dropping.upstream",
                "http://127.0.0.1:" + dropping.getLocalPort() + "," + echoBUrl);
        config.put("gateway.upstream-timeout", "1s");
        config.put("gateway.upstream-pool-size", "2");
        config.put("gateway.max-body-bytes", "1024");
        config.put("gateway.oversized-body.drain-timeout", "2s");
        // Failed lookups come back one a minute: a test's guesses never earn one back while it runs.
        config.put("gateway.rate-limit.join.failed-lookups-per-address-per-minute", "1");
        config.put("gateway.trusted-proxies", "10.0.0.0/8," + TRUSTED_PROXY + "/32");
        // As the Kubernetes overlay has it: Quarkus rewrites request.remoteAddress() from X-Forwarded-For, which the
        // gateway must not be fooled by.
        config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        config.put("quarkus.http.proxy.enable-forwarded-host", "true");
        config.put("gateway.rate-limit.per-client-per-minute", "5");
        config.put("gateway.rate-limit.sensitive-per-address-per-minute", "3");
        config.put("mp.jwt.verify.issuer", issuer);
        config.put("mp.jwt.verify.publickey.location", issuer + "/protocol/openid-connect/certs");
        return config;
    }

    @Override
    public void stop() {
        if (echo != null) {
            echo.stop(0);
        }
        if (echoB != null) {
            echoB.stop(0);
        }
        if (slow != null) {
            slow.stop(0);
        }
        if (video != null) {
            video.stop(0);
        }
        if (dropping != null) {
            try {
                dropping.close();
            } catch (IOException e) {
                // the test JVM ends anyway
            }
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value.replace("\"", "\\\"") + "\"";
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
