package dev.sessio.sessions;

import dev.sessio.events.tokens.TokenDebitRejected;
import dev.sessio.events.tokens.TokenDebited;
import dev.sessio.runtime.wait.Decisions;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.sessio.sessions.Api.as;
import static dev.sessio.sessions.Api.problem;
import static dev.sessio.sessions.Api.registered;
import static dev.sessio.sessions.Api.scheduled;
import static dev.sessio.sessions.Api.schoolAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The saga's decision in the answer: the POST (and a GET) wait for it with {@code Prefer: wait=N}, holding neither a
 * thread nor a database connection, and are woken by the decision's announcement at commit.
 */
@QuarkusTest
class RegistrationDecisionTest {

    static final Instant STARTS = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant LOT_EXPIRY = Instant.parse("2027-08-31T22:00:00Z");

    /** One thread per request in flight (the common pool has one thread on 2 cores). */
    static final ExecutorService CLIENTS = Executors.newVirtualThreadPerTaskExecutor();

    @Inject
    TestClock clock;
    @Inject
    Events events;
    @Inject
    Decisions decisions;
    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void startOfNovember() {
        clock.reset();
    }

    @Test
    void aDebitWithinTheWaitAnswers201Confirmed() throws Exception {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(STARTS);
        CompletableFuture<Response> post = postWaiting(sessionId, org, "wait=8", null);
        UUID registration = pendingOf(org);
        events.send(new TokenDebited(org, UUID.randomUUID(), registration, sessionId, LOT_EXPIRY, 3), org);

        Response answer = post.get(10, TimeUnit.SECONDS);
        answer.then().statusCode(201).body("status", equalTo("CONFIRMED")).body("id", equalTo(registration.toString()));
        assertThat(answer.header("Location")).endsWith("/api/registrations/" + registration);
        assertThat(answer.header("Preference-Applied")).isEqualTo("wait=8");
        assertThat(answer.time()).as("woken by the decision, not by the end of the wait").isLessThan(7_500);
    }

    @Test
    void aRejectedDebitWithinTheWaitAnswersTheInsufficientTokensProblem() throws Exception {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(STARTS);
        CompletableFuture<Response> post = postWaiting(sessionId, org, null, null);   // default wait
        UUID registration = pendingOf(org);
        events.send(new TokenDebitRejected(org, registration, sessionId, TokenDebitRejected.Reason.INSUFFICIENT_TOKENS,
                0), org);

        post.get(10, TimeUnit.SECONDS).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(problem("insufficient-tokens")))
                .body("buyTokens", equalTo("/api/tokens/offers"))
                .body("registrationId", equalTo(registration.toString()))
                .body("status", equalTo(409)).body("registrationStatus", equalTo("REJECTED"));
    }

    @Test
    void noDecisionInTimeAnswers202PendingWithLocationAndRetryAfterThenGetWaitsForTheRest() throws Exception {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(STARTS);
        Response answer = postWaiting(sessionId, org, "wait=1", null).get(10, TimeUnit.SECONDS);
        answer.then().statusCode(202).body("status", equalTo("PENDING"));
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(answer.time()).isGreaterThanOrEqualTo(900);
        UUID registration = UUID.fromString(answer.jsonPath().getString("id"));
        assertThat(answer.header("Location")).endsWith("/api/registrations/" + registration);

        // A GET with Prefer: wait is answered as soon as the decision lands.
        CompletableFuture<Response> get = CompletableFuture.supplyAsync(() -> as(schoolAdmin(org))
                .header("Prefer", "wait=8").get("/api/registrations/" + registration), CLIENTS);
        await().atMost(Duration.ofSeconds(5)).until(() -> decisions.waiting() > 0);
        events.send(new TokenDebited(org, UUID.randomUUID(), registration, sessionId, LOT_EXPIRY, 0), org);
        Response read = get.get(10, TimeUnit.SECONDS);
        read.then().statusCode(200).body("status", equalTo("CONFIRMED"));
        assertThat(read.header("Retry-After")).isNull();

        // Decided: a GET answers at once, wait or not.
        as(schoolAdmin(org)).header("Prefer", "wait=8").get("/api/registrations/" + registration).then()
                .statusCode(200).body("status", equalTo("CONFIRMED"));
    }

    @Test
    void theSameIdempotencyKeyAfterTheDecisionAnswersWhatIsTrueNow() throws Exception {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(STARTS);
        String key = UUID.randomUUID().toString();
        Response first = postWaiting(sessionId, org, "respond-async", key).get(10, TimeUnit.SECONDS);
        first.then().statusCode(202);
        UUID registration = UUID.fromString(first.jsonPath().getString("id"));
        events.send(new TokenDebited(org, UUID.randomUUID(), registration, sessionId, LOT_EXPIRY, 0), org);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(schoolAdmin(org))
                .get("/api/registrations/" + registration).then().body("status", equalTo("CONFIRMED")));

        Response replay = postWaiting(sessionId, org, null, key).get(10, TimeUnit.SECONDS);
        replay.then().statusCode(201).body("id", equalTo(registration.toString()))
                .body("status", equalTo("CONFIRMED"));
        assertThat(replay.time()).as("no wait for a decision already taken").isLessThan(1_500);
    }

    @Test
    void aDecisionAnnouncedByAnotherReplicasCommitWakesTheWaiter() throws Exception {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(STARTS);
        CompletableFuture<Response> post = postWaiting(sessionId, org, "wait=8", null);
        UUID registration = pendingOf(org);
        // What another replica's consumer does: a transaction of its own announces the decision at commit.
        try (Connection c = dataSource.getConnection();
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify('sessio_decisions', ?)")) {
            c.setAutoCommit(false);
            notify.setString(1, registration + " CONFIRMED");
            notify.execute();
            Thread.sleep(300);
            assertThat(post).as("nothing is heard before the commit").isNotDone();
            c.commit();
        }
        post.get(10, TimeUnit.SECONDS).then().statusCode(201).body("status", equalTo("CONFIRMED"));
    }

    @Test
    void waitingRequestsHoldNoDatabaseConnection() throws Exception {
        List<CompletableFuture<Response>> posts = new ArrayList<>();
        List<UUID> organisations = new ArrayList<>();
        UUID sessionId = scheduled(STARTS);
        for (int i = 0; i < 40; i++) {
            UUID org = UUID.randomUUID();
            organisations.add(org);
            posts.add(postWaiting(sessionId, org, "wait=6", null));
        }
        // 40 requests waiting at once (more than the pool's 20 connections), and the pool is idle meanwhile.
        await().atMost(Duration.ofSeconds(5)).until(() -> decisions.waiting() >= 40);
        assertThat(dataSource.getMetrics().activeCount()).isLessThan(5);
        registered(scheduled(STARTS.plusSeconds(7200)), UUID.randomUUID());   // the service still answers
        for (CompletableFuture<Response> post : posts) {
            post.get(15, TimeUnit.SECONDS).then().statusCode(202);
        }
    }

    private static CompletableFuture<Response> postWaiting(UUID sessionId, UUID org, String prefer, String key) {
        return CompletableFuture.supplyAsync(() -> {
            var request = as(schoolAdmin(org));
            if (prefer != null) {
                request = request.header("Prefer", prefer);
            }
            if (key != null) {
                request = request.header("Idempotency-Key", key);
            }
            return request.post("/api/sessions/" + sessionId + "/registrations");
        }, CLIENTS);
    }

    /** The registration the in-flight POST stored (the test plays tokens-service, which reads it from the topic). */
    private static UUID pendingOf(UUID org) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> as(schoolAdmin(org)).get("/api/registrations")
                        .jsonPath().getList("items.id", String.class), ids -> !ids.isEmpty())
                .stream().map(UUID::fromString).findFirst().orElseThrow();
    }
}
