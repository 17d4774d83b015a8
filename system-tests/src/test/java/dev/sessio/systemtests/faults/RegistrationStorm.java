package dev.sessio.systemtests.faults;

import dev.sessio.systemtests.KeycloakAdmin;
import dev.sessio.systemtests.faults.Schools.School;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many organisations with a few tokens each registering at once to a few webinars (more registrations than
 * tokens, so the saga both confirms and rejects), with a fault injected mid-storm; then the saga's invariants,
 * read from the sessions and tokens databases and through the API.
 */
final class RegistrationStorm {

    record Accepted(String registrationId, UUID organisationId, String sessionId) {
    }

    final List<School> schools;
    final List<String> sessions;
    final int tokensEach;
    final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger refusedAtOnce = new AtomicInteger();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    private RegistrationStorm(List<School> schools, List<String> sessions, int tokensEach) {
        this.schools = schools;
        this.sessions = sessions;
        this.tokensEach = tokensEach;
    }

    /** Organisations (each granted {@code tokensEach} tokens) and webinars, made before any fault. */
    static RegistrationStorm prepare(String label, int schoolCount, int sessionCount, int tokensEach) {
        long started = System.nanoTime();
        String ops = Schools.ops();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<School>> made = new ArrayList<>();
            List<School> schools = KeycloakAdmin.withCheapPasswordHashing(() -> {
                List<Future<School>> logins = new ArrayList<>();
                for (int i = 0; i < schoolCount; i++) {
                    logins.add(pool.submit(() -> Schools.newSchool(label)));
                }
                List<School> done = new ArrayList<>();
                for (Future<School> login : logins) {
                    done.add(login.get());
                }
                return done;
            });
            for (School school : schools) {
                made.add(pool.submit(() -> {
                    Schools.grant(ops, school.organisationId(), tokensEach);
                    return school;
                }));
            }
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < sessionCount; i++) {
                sessions.add(Schools.webinar(ops, label + "-" + i));
            }
            for (Future<School> granted : made) {
                granted.get();
            }
            log(label + ": organisations and webinars ready", started);
            return new RegistrationStorm(schools, sessions, tokensEach);
        } catch (Exception e) {
            throw new IllegalStateException("storm set-up failed", e);
        }
    }

    int registrations() {
        return schools.size() * sessions.size();
    }

    /**
     * Every organisation registers to every webinar, {@code threads} at a time; once {@code faultAfter}
     * registrations were answered the fault runs (on its own thread, while the storm goes on). Returns when every
     * request was answered and the fault has run.
     */
    void run(int threads, int faultAfter, Runnable fault) {
        long started = System.nanoTime();
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean injected = new AtomicBoolean();
        CompletableFuture<Void> faultDone = new CompletableFuture<>();
        Runnable inject = () -> {
            if (injected.compareAndSet(false, true)) {
                CompletableFuture.runAsync(fault).whenComplete((ok, error) -> {
                    if (error != null) {
                        faultDone.completeExceptionally(error);
                    } else {
                        faultDone.complete(null);
                    }
                });
            }
        };
        List<Runnable> work = new ArrayList<>();
        for (String session : sessions) {
            for (School school : schools) {
                work.add(() -> {
                    register(school, session);
                    if (answered.incrementAndGet() >= faultAfter) {
                        inject.run();
                    }
                });
            }
        }
        Collections.shuffle(work);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            work.forEach(pool::submit);
        }
        log("storm answered", started);
        inject.run();
        faultDone.join();
        log("fault done", started);
        assertThat(failures).as("registration requests that failed").isEmpty();
        assertThat(accepted.size() + refusedAtOnce.get()).isEqualTo(registrations());
    }

    private void register(School school, String sessionId) {
        String key = UUID.randomUUID().toString();
        try {
            Response response = Retry.send(() -> Schools.gateway().header("Authorization", school.bearer())
                    .header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .post("/api/sessions/" + sessionId + "/registrations"));
            if (response.statusCode() == 201 || response.statusCode() == 202) {
                // decided CONFIRMED within the POST's wait, or still PENDING
                accepted.add(new Accepted(response.path("id"), school.organisationId(), sessionId));
            } else if (response.statusCode() == 409 && response.path("registrationId") != null
                    && "REJECTED".equals(response.path("registrationStatus"))) {
                // rejected by the ledger within the POST's wait: a registration exists, REJECTED
                accepted.add(new Accepted(response.path("registrationId"), school.organisationId(), sessionId));
            } else if (response.statusCode() == 409
                    && String.valueOf(response.<String>path("type")).endsWith("/insufficient-tokens")) {
                // the known balance was already 0: refused at once, no registration
                refusedAtOnce.incrementAndGet();
            } else {
                failures.add(response.statusCode() + " " + response.asString());
            }
        } catch (Throwable e) {
            failures.add(e.toString());
        }
    }

    Map<String, String> statuses() {
        UUID[] ids = accepted.stream().map(a -> UUID.fromString(a.registrationId())).toArray(UUID[]::new);
        Map<String, String> statuses = new HashMap<>();
        Databases.query("sessions", "SELECT id::text, status FROM registration WHERE id = ANY (?)",
                rs -> statuses.put(Databases.string(rs, 1), Databases.string(rs, 2)), (Object) ids);
        return statuses;
    }

    /** Waits until no accepted registration is PENDING any more: none is stuck. */
    void awaitSettled(Duration bound) {
        long started = System.nanoTime();
        await("every registration CONFIRMED or REJECTED").atMost(bound).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Map<String, String> statuses = statuses();
                    assertThat(statuses).as("every accepted registration is stored").hasSize(accepted.size());
                    assertThat(statuses.values()).as("registrations still PENDING")
                            .allMatch(s -> s.equals("CONFIRMED") || s.equals("REJECTED"));
                });
        log("every registration settled", started);
    }

    static void log(String what, long since) {
        System.out.printf("[faults] %s after %.1f s%n", what, (System.nanoTime() - since) / 1e9);
    }

    /**
     * Nothing lost, nothing doubled: per organisation, confirmed = min(tokens, registrations accepted); exactly one
     * debit posting per confirmed registration and none for a rejected one; balance = granted − confirmed (in the
     * ledger and through the API); one TokenDebited/TokenDebitRejected and one RegistrationConfirmed/Rejected event
     * per registration in the outboxes.
     */
    void assertInvariants() {
        Map<String, String> statuses = statuses();
        Map<UUID, List<Accepted>> byOrganisation = accepted.stream()
                .collect(Collectors.groupingBy(Accepted::organisationId));
        UUID[] organisations = schools.stream().map(School::organisationId).toArray(UUID[]::new);

        Map<String, Long> debits = new HashMap<>();
        Databases.query("tokens", """
                        SELECT cause_id::text, count(*) FROM posting
                        WHERE kind = 'DEBIT' AND organisation_id = ANY (?) GROUP BY cause_id""",
                rs -> debits.put(Databases.string(rs, 1), Long.parseLong(Databases.string(rs, 2))), (Object) organisations);
        Map<String, Long> balances = new HashMap<>();
        Databases.query("tokens", "SELECT organisation_id::text, balance FROM token_account WHERE organisation_id = ANY (?)",
                rs -> balances.put(Databases.string(rs, 1), Long.parseLong(Databases.string(rs, 2))), (Object) organisations);

        for (School school : schools) {
            List<Accepted> mine = byOrganisation.getOrDefault(school.organisationId(), List.of());
            long confirmed = mine.stream().filter(a -> "CONFIRMED".equals(statuses.get(a.registrationId()))).count();
            assertThat(confirmed).as("confirmed registrations of %s", school.organisationId())
                    .isEqualTo(Math.min(tokensEach, mine.size()));
            for (Accepted a : mine) {
                long expected = "CONFIRMED".equals(statuses.get(a.registrationId())) ? 1 : 0;
                assertThat(debits.getOrDefault(a.registrationId(), 0L))
                        .as("debits for %s registration %s", statuses.get(a.registrationId()), a.registrationId())
                        .isEqualTo(expected);
            }
            assertThat(balances.get(school.organisationId().toString())).as("ledger balance of %s", school.organisationId())
                    .isEqualTo(tokensEach - confirmed);
            int available = Schools.gateway().header("Authorization", Schools.ops())
                    .get("/api/tokens/balance?organisationId=" + school.organisationId())
                    .then().statusCode(200).extract().path("available");
            assertThat(available).as("balance through the API of %s", school.organisationId())
                    .isEqualTo(tokensEach - confirmed);
        }
        assertThat(debits.values().stream().mapToLong(Long::longValue).sum())
                .as("no debit without a registration of this storm")
                .isEqualTo(statuses.values().stream().filter("CONFIRMED"::equals).count());

        String[] ids = accepted.stream().map(Accepted::registrationId).toArray(String[]::new);
        assertOneEventEach("tokens", "'sessio.tokens.TokenDebited.v1', 'sessio.tokens.TokenDebitRejected.v1'", ids);
        assertOneEventEach("sessions",
                "'sessio.sessions.RegistrationConfirmed.v1', 'sessio.sessions.RegistrationRejected.v1'", ids);

        // The API says the same (a sample, read by ops).
        for (Accepted a : accepted.subList(0, Math.min(10, accepted.size()))) {
            String status = Schools.gateway().header("Authorization", Schools.ops()).get("/api/registrations/" + a.registrationId())
                    .then().statusCode(200).extract().path("status");
            assertThat(status).isEqualTo(statuses.get(a.registrationId()));
        }
    }

    private static void assertOneEventEach(String database, String types, String[] registrationIds) {
        Map<String, Long> events = new HashMap<>();
        Databases.query(database, "SELECT payload->>'registrationId', count(*) FROM outbox WHERE ce_type IN (" + types
                        + ") AND payload->>'registrationId' = ANY (?) GROUP BY 1",
                rs -> events.put(Databases.string(rs, 1), Long.parseLong(Databases.string(rs, 2))), (Object) registrationIds);
        assertThat(events).as("%s outbox: one decision event per registration", database).hasSize(registrationIds.length);
        assertThat(events.values()).as("%s outbox: decision events per registration", database).containsOnly(1L);
    }

    String summary() {
        Map<String, Long> byStatus = statuses().values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        return "%d organisations × %d webinars: %d accepted %s, %d refused at once (known balance 0)"
                .formatted(schools.size(), sessions.size(), accepted.size(), byStatus, refusedAtOnce.get());
    }
}
