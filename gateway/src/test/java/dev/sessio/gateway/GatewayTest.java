package dev.sessio.gateway;

import dev.sessio.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(FakeUpstreams.class)
class GatewayTest {

    static final String PROBLEM = "application/problem+json";

    static String token(String subject) {
        return TestTokens.user(subject).org(UUID.randomUUID()).roles("school-admin").bearer();
    }

    @Test
    void publicOperationsPassWithoutATokenWithRequestIdAndTraceContext() {
        given().get("/api/sessions/catalogue?from=2026-12-01")
                .then().statusCode(200)
                .body("uri", equalTo("/api/sessions/catalogue?from=2026-12-01"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"))
                .body("traceparent", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"))
                .header("X-Request-Id", notNullValue());
        given().header("X-Request-Id", "abc-123").get("/api/sessions/catalogue")
                .then().statusCode(200).body("requestId", equalTo("abc-123")).header("X-Request-Id", "abc-123");
    }

    @Test
    void otherOperationsNeedAValidTokenAndNeverReachTheServiceWithout() {
        int before = FakeUpstreams.ECHO_HITS.get();
        given().get("/api/tokens/balance").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("https://sessio.dev/problems/unauthorized"));
        given().header("Authorization", "Bearer not.a.jwt").get("/api/tokens/balance").then().statusCode(401);
        given().header("Authorization", TestTokens.user("x").audience("another-api").bearer())
                .get("/api/tokens/balance").then().statusCode(401);
        given().header("Authorization", TestTokens.user("x").expiresIn(-60).bearer())
                .get("/api/tokens/balance").then().statusCode(401);
        given().header("Authorization", TestTokens.user("x").issuer("http://127.0.0.1:1/realms/other").bearer())
                .get("/api/tokens/balance").then().statusCode(401);
        assertThat(FakeUpstreams.ECHO_HITS.get()).isEqualTo(before);

        String token = token("valid-" + UUID.randomUUID());
        given().header("Authorization", token).get("/api/tokens/balance")
                .then().statusCode(200).body("authorization", equalTo(token));
    }

    @Test
    void bodiesAreStreamedToTheServiceAndLargeOnesRefused() {
        String token = token("body-" + UUID.randomUUID());
        given().header("Authorization", token).contentType(ContentType.JSON).body("{\"quantity\":3}")
                .post("/api/tokens/orders").then().statusCode(200)
                .body("method", equalTo("POST")).body("bodyLength", equalTo(14));
        given().header("Authorization", token).contentType(ContentType.JSON).body("x".repeat(2048))
                .post("/api/tokens/orders").then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    void eachClientIsRateLimitedAndToldItsQuota() {
        String token = token("limited-" + UUID.randomUUID());
        given().header("Authorization", token).get("/api/registrations").then().statusCode(200)
                .header("RateLimit-Limit", "5").header("RateLimit-Remaining", "4")
                .header("RateLimit-Reset", matchesPattern("[1-9][0-9]*"));
        for (int i = 1; i < 5; i++) {
            given().header("Authorization", token).get("/api/registrations").then().statusCode(200);
        }
        given().header("Authorization", token).get("/api/registrations")
                .then().statusCode(429).contentType(PROBLEM).header("Retry-After", notNullValue())
                .header("RateLimit-Limit", "5").header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", matchesPattern("[1-9][0-9]*"));
        given().header("Authorization", token("another-" + UUID.randomUUID())).get("/api/registrations")
                .then().statusCode(200);
    }

    @Test
    void sensitiveOperationsAreLimitedPerAddress() {
        int allowed = 0;
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            int status = given().contentType(ContentType.JSON).body("{\"email\":\"a@b.test\"}")
                    .post("/api/accounts/password-reset").statusCode();
            if (status == 200) {
                allowed++;
            } else if (status == 429) {
                refused++;
            }
        }
        assertThat(allowed).isLessThanOrEqualTo(3);
        assertThat(refused).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anUpstreamDownAnswers503AndASlowOne504InTime() {
        given().header("Authorization", token("down-" + UUID.randomUUID())).get("/api/down/things")
                .then().statusCode(503).contentType(PROBLEM)
                .body("type", equalTo("https://sessio.dev/problems/upstream-unavailable"));
        long started = System.currentTimeMillis();
        given().header("Authorization", token("slow-" + UUID.randomUUID())).get("/api/notifications")
                .then().statusCode(504).contentType(PROBLEM)
                .body("type", equalTo("https://sessio.dev/problems/upstream-timeout"));
        assertThat(System.currentTimeMillis() - started).isLessThan(4_000);
    }

    @Test
    void callersQueuedForABusyUpstreamStillGet504WithinTheTimeout() throws Exception {
        // 8 callers, 2 pooled connections (test config), a service that takes 5 s, a 1 s timeout: without one
        // deadline covering the wait for a connection, the last callers would wait in waves (2 s, 3 s, 4 s).
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<long[]>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(callers.submit(() -> {
                    long started = System.nanoTime();
                    int status = given().header("Authorization", token("queued-" + UUID.randomUUID()))
                            .get("/api/notifications").statusCode();
                    return new long[] {status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)};
                }));
            }
            for (Future<long[]> call : calls) {
                long[] answer = call.get(30, TimeUnit.SECONDS);
                assertThat(answer[0]).isEqualTo(504);
                assertThat(answer[1]).as("milliseconds to the 504").isLessThan(3_000);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aRouteTakesItsReplicasInTurnAndSkipsOneThatRefusesConnections() {
        // Replicas a, a closed port, b (test config): every request answered, by both replicas, none 503.
        Map<String, Integer> answeredBy = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            String replica = given().header("Authorization", token("replicated-" + UUID.randomUUID()))
                    .get("/api/replicated/things").then().statusCode(200).extract().path("replica");
            answeredBy.merge(replica, 1, Integer::sum);
        }
        assertThat(answeredBy).containsOnlyKeys("a", "b");
    }

    @Test
    void aRequestThatReachedAReplicaIsNeverSentToAnother() {
        // Replicas: one reading the request and hanging up unanswered, then an echo (test config). A request the
        // first replica took fails; it is not replayed on the echo (a registration must not be made twice).
        int droppedBefore = FakeUpstreams.DROPPED.get();
        int echoedBefore = FakeUpstreams.ECHO_HITS.get();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(given().header("Authorization", token("dropping-" + UUID.randomUUID()))
                    .contentType(ContentType.JSON).body("{\"quantity\":1}")
                    .post("/api/dropping/things").statusCode());
        }
        long failed = statuses.stream().filter(s -> s >= 500).count();
        assertThat(statuses).contains(200).allMatch(s -> s == 200 || s >= 500);
        assertThat(failed).isPositive();
        assertThat(FakeUpstreams.DROPPED.get() - droppedBefore).isEqualTo((int) failed);
        assertThat(FakeUpstreams.ECHO_HITS.get() - echoedBefore).isEqualTo(statuses.size() - (int) failed);
    }

    @Test
    void unknownApisAnswerProblemJsonAndResponsesCarrySecurityHeaders() {
        given().get("/api/nothing").then().statusCode(404).contentType(PROBLEM)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store");
        // A prefix is a whole path segment: /api/tokensX is not /api/tokens.
        given().get("/api/tokensX/offers").then().statusCode(404);
    }

    @Test
    void corsAllowsTheConfiguredFrontEndOnly() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .options("/api/sessions/catalogue")
                .then().header("Access-Control-Allow-Origin", "http://localhost:5173");
        // Prefer: wait=N (RFC 7240) on the registration POST, Preference-Applied readable by the front end.
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "prefer,idempotency-key")
                .options("/api/sessions/1/registrations")
                .then().header("Access-Control-Allow-Headers", containsString("Prefer"));
        given().header("Origin", "http://localhost:5173").get("/api/sessions/catalogue")
                .then().statusCode(200).header("Access-Control-Expose-Headers", containsString("Preference-Applied"));
        // RateLimit-* readable by the front end, and an invoice PDF's file name.
        given().header("Origin", "http://localhost:5173").get("/api/sessions/catalogue")
                .then().header("Access-Control-Expose-Headers", allOf(containsString("RateLimit-Limit"),
                        containsString("RateLimit-Remaining"), containsString("RateLimit-Reset"),
                        containsString("Content-Disposition")));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/sessions/catalogue")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void apiDocsListAndMergeTheServicesDocuments() {
        given().get("/api/docs").then().statusCode(200)
                .body("services", hasKey("accounts")).body("merged", equalTo("/api/docs/merged"));
        given().get("/api/docs/accounts").then().statusCode(200).body("openapi", equalTo("3.1.0"));
        given().get("/api/docs/unknown").then().statusCode(404).contentType(PROBLEM);
        given().get("/api/docs/merged").then().statusCode(200)
                .body("info.title", equalTo("Sessio API"))
                .body("paths", hasKey("/api/echo/things"))
                .body("components.schemas", hasKey("Thing"));
    }

    @Test
    void healthAndMetricsStayOnTheManagementPaths() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .time(lessThan(5_000L));
    }
}
