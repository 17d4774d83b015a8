package dev.sessio.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sessio.testing.FreePorts;
import dev.sessio.testing.OidcIssuer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Services stand-ins for the gateway's tests: an echo service (answers what it received), a slow one, and a
 * closed port; plus the OIDC issuer whose JWKS the gateway checks tokens against.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger ECHO_HITS = new AtomicInteger();
    private HttpServer echo;
    private HttpServer slow;

    @Override
    public Map<String, String> start() {
        try {
            echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            echo.setExecutor(Executors.newFixedThreadPool(4));
            echo.createContext("/q/openapi", exchange -> answer(exchange, 200, "application/json", """
                    {"openapi":"3.1.0","info":{"title":"Sessio %1$s API","version":"1"},
                     "paths":{"/api/%1$s/things":{"get":{"responses":{"200":{"description":"ok",
                       "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},
                     "components":{"schemas":{"Thing":{"type":"object","properties":{"%1$s":{"type":"string"}}}}}}"""
                    .formatted(exchange.getLocalAddress().getPort() == 0 ? "x" : "echo")));
            echo.createContext("/", exchange -> {
                ECHO_HITS.incrementAndGet();
                byte[] body = exchange.getRequestBody().readAllBytes();
                String json = """
                        {"method":"%s","uri":"%s","bodyLength":%d,"authorization":%s,"requestId":%s,"traceparent":%s,"forwardedFor":%s}"""
                        .formatted(exchange.getRequestMethod(), exchange.getRequestURI(), body.length,
                                quoted(exchange.getRequestHeaders().getFirst("Authorization")),
                                quoted(exchange.getRequestHeaders().getFirst("X-Request-Id")),
                                quoted(exchange.getRequestHeaders().getFirst("traceparent")),
                                quoted(exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
                answer(exchange, 200, "application/json", json);
            });
            echo.start();
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
        config.put("gateway.routes.video.upstream", "http://127.0.0.1:" + FreePorts.next());
        config.put("gateway.upstream-timeout", "1s");
        config.put("gateway.upstream-pool-size", "2");
        config.put("gateway.max-body-bytes", "1024");
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
        if (slow != null) {
            slow.stop(0);
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
