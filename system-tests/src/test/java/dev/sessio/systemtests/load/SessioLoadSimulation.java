package dev.sessio.systemtests.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.roundRobinSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Sessio under load, against the platform deploy/local started (issues #5 and #10). Phases, in this order, each
 * selectable with {@code -Dload.phases=saga,storm,overhead,reads}, with a quiet pause between phases:
 * <ol>
 *   <li><b>saga</b>: registrations at a steady rate; POST → CONFIRMED (issue #5);</li>
 *   <li><b>storm</b>: registrations of the 500 organisations at rising rates;</li>
 *   <li><b>overhead</b>: the same reads straight on the service and through the gateway, interleaved;</li>
 *   <li><b>reads</b>: catalogue and account reads through the gateway at rising rates (last: it saturates).</li>
 * </ol>
 * A registration is POSTed through the gateway and its status polled ({@code GET /api/registrations/{id}}) until it
 * is decided; the exact saga time is read afterwards from sessions-service's database. After the run every
 * organisation's balance must equal the tokens granted minus its confirmed registrations, and nothing may be left
 * PENDING: otherwise the run fails. Figures go to {@code target/gatling/summary.md} and {@code summary.json}.
 */
public class SessioLoadSimulation extends Simulation {

    static final String GATEWAY = LoadEnvironment.GATEWAY;
    final int organisationCount = LoadEnvironment.intSetting("organisations", 500);
    // The POST waits for the decision (Prefer: wait=N; 0 = the service's default, about 2 s); a 202 is followed by
    // GET with Prefer: wait. The exact saga time comes from the database anyway.
    final int postWaitSeconds = LoadEnvironment.intSetting("prefer-wait", 0);
    final String preferWait = postWaitSeconds > 0 ? "wait=" + postWaitSeconds : "";
    final String getWait = "wait=" + LoadEnvironment.intSetting("get-wait", 8);
    final long decisionTimeoutNanos = Duration.ofSeconds(LoadEnvironment.intSetting("decision-timeout-seconds", 60)).toNanos();

    final List<RegistrationStep> sagaSteps = new ArrayList<>();
    final List<RegistrationStep> stormSteps = new ArrayList<>();
    final List<ReadStep> readSteps = new ArrayList<>();
    final Latencies overhead = new Latencies();
    final int overheadRate = LoadEnvironment.intSetting("overhead.rate", 10);
    final int overheadSeconds = LoadEnvironment.intSetting("overhead.seconds", 45);
    final List<Double> overheadLoad = new ArrayList<>();

    final AtomicInteger registrationCounter = new AtomicInteger();
    final AtomicInteger readCounter = new AtomicInteger();
    final String runId = OffsetDateTime.now(ZoneOffset.UTC).toString();

    LoadOrganisations organisations;
    List<UUID> sessions;
    int tokensGranted;
    String overheadFrom;

    record ReadStep(String name, int ratePerSecond, int seconds, Latencies latencies, double[] loadAverage) {
    }

    final HttpProtocolBuilder protocol = http.acceptHeader("application/json").disableWarmUp().disableCaching()
            .userAgentHeader("sessio-load");

    {
        List<List<PopulationBuilder>> stages = new ArrayList<>();
        if (LoadEnvironment.phaseEnabled("saga")) {
            RegistrationStep warmUp = new RegistrationStep("warm-up", 2, LoadEnvironment.intSetting("warmup.seconds", 10), false);
            int rate = LoadEnvironment.intSetting("saga.rate", 5);
            RegistrationStep steady = new RegistrationStep("saga " + rate + "/s", rate, LoadEnvironment.intSetting("saga.seconds", 60), true);
            sagaSteps.add(warmUp);
            sagaSteps.add(steady);
            stages.add(List.of(registrations(warmUp)));
            stages.add(List.of(registrations(steady)));
        }
        if (LoadEnvironment.phaseEnabled("storm")) {
            settle(stages);
            int seconds = LoadEnvironment.intSetting("storm.seconds", 30);
            for (int rate : LoadEnvironment.ratesSetting("storm.rates", "5,10,20,40")) {
                RegistrationStep step = new RegistrationStep("storm " + rate + "/s", rate, seconds, true);
                stormSteps.add(step);
                stages.add(List.of(registrations(step)));
            }
        }
        if (LoadEnvironment.phaseEnabled("overhead")) {
            settle(stages);
            // Four populations at once; the next stage follows the first (they all last the same time).
            stages.add(List.of(
                    overheadScenario("catalogue direct", LoadEnvironment.SESSIONS_SERVICE + "/api/sessions/catalogue", false),
                    overheadScenario("catalogue gateway", GATEWAY + "/api/sessions/catalogue", false),
                    overheadScenario("balance direct", LoadEnvironment.TOKENS_SERVICE + "/api/tokens/balance", true),
                    overheadScenario("balance gateway", GATEWAY + "/api/tokens/balance", true)));
        }
        if (LoadEnvironment.phaseEnabled("reads")) {
            settle(stages);
            int seconds = LoadEnvironment.intSetting("reads.seconds", 20);
            for (int rate : LoadEnvironment.ratesSetting("reads.rates", "25,50,100,200")) {
                ReadStep step = new ReadStep("reads " + rate + "/s", rate, seconds, new Latencies(), new double[] {-1, -1});
                readSteps.add(step);
                stages.add(List.of(reads(step)));
            }
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("no phase selected in load.phases");
        }
        // Each stage starts when the previous one has finished (its last registration decided).
        List<PopulationBuilder> next = null;
        for (int i = stages.size() - 1; i >= 0; i--) {
            List<PopulationBuilder> stage = new ArrayList<>(stages.get(i));
            if (next != null) {
                stage.set(0, stage.getFirst().andThen(next));
            }
            next = stage;
        }
        setUp(next).protocols(protocol);
    }


    /** A quiet pause between phases, so that one phase's backlog (queued requests, events) is not the next one's. */
    void settle(List<List<PopulationBuilder>> stages) {
        if (!stages.isEmpty()) {
            int seconds = LoadEnvironment.intSetting("settle-seconds", 30);
            stages.add(List.of(scenario("settle " + stages.size()).exec(pause(seconds)).injectOpen(atOnceUsers(1))));
        }
    }

    @Override
    public void before() {
        int registrations = 0;
        for (RegistrationStep step : allRegistrationSteps()) {
            registrations += step.ratePerSecond * step.seconds;
        }
        System.out.printf("load: run %s against %s; load average %.1f%n", runId, GATEWAY, LoadEnvironment.loadAverage());
        organisations = LoadOrganisations.prepare(organisationCount);
        if (registrations > 0) {
            int perOrganisation = (registrations + organisationCount - 1) / organisationCount;
            sessions = LoadCatalogue.scheduleSessions(Math.max(4, perOrganisation + 1), runId);
            tokensGranted = perOrganisation + 2;
            LoadCatalogue.grant(organisations, tokensGranted);
            awaitGrantsSettled();
            System.out.printf("load: %d webinars scheduled, %d tokens granted to each organisation, %d registrations planned%n",
                    sessions.size(), tokensGranted, registrations);
        }
    }

    /**
     * The 500 TokensCredited events of the grants queue ahead of the first TokenDebited on the same partitions: wait
     * until sessions-service knows every balance, then a quiet pause, so the saga phase does not measure the grants.
     */
    void awaitGrantsSettled() {
        List<UUID> ids = organisations.all().stream().map(LoadOrganisations.Organisation::id).toList();
        long started = System.nanoTime();
        try (SessionsDatabase database = new SessionsDatabase()) {
            while (database.knownBalances(ids).values().stream().filter(b -> b == tokensGranted).count() < ids.size()) {
                if (System.nanoTime() - started > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("sessions-service did not learn the granted balances in 5 min");
                }
                Thread.sleep(1000);
            }
            System.out.printf("load: sessions-service knew every granted balance after %d s%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            Thread.sleep(LoadEnvironment.intSetting("settle-seconds", 30) * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<RegistrationStep> allRegistrationSteps() {
        List<RegistrationStep> all = new ArrayList<>(sagaSteps);
        all.addAll(stormSteps);
        return all;
    }

    /**
     * One virtual user = one registration, as a front end does it: POST (the answer waits for the saga's decision,
     * 2 s by default, or {@code load.prefer-wait} seconds); only a {@code 202} leads to {@code GET} with
     * {@code Prefer: wait} until decided. No polling loop under normal load.
     */
    PopulationBuilder registrations(RegistrationStep step) {
        ChainBuilder registration = exec(session -> {
            int k = registrationCounter.getAndIncrement();
            int organisation = k % organisationCount;
            int round = k / organisationCount;
            // (organisation + round) mod sessions: an organisation never registers twice to the same webinar.
            UUID sessionId = sessions.get((organisation + round) % sessions.size());
            long now = System.nanoTime();
            step.posted(now);
            return session.set("org", organisation).set("sessionId", sessionId.toString()).set("t0", now);
        }).group(step.name).on(
                exec(http("POST registration").post(GATEWAY + "/api/sessions/#{sessionId}/registrations")
                        .header("Authorization", session -> organisations.bearer(session.getInt("org")))
                        .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                        .header("Content-Type", "application/json")
                        .header("Prefer", session -> preferWait)
                        .check(status().saveAs("postStatus"), status().in(201, 202, 409),
                                responseTimeInMillis().saveAs("postMillis"),
                                jsonPath("$.id").optional().saveAs("registrationId"),
                                jsonPath("$.registrationId").optional().saveAs("rejectedId"),
                                jsonPath("$.status").optional().saveAs("status")))
                        .exec(session -> {
                            if (session.contains("postMillis")) {
                                step.postAnswered(session.getInt("postStatus"), session.getInt("postMillis"));
                            } else if (session.contains("postStatus")) {
                                step.postAnswered(session.getInt("postStatus"), -1);
                            }
                            if (session.contains("postStatus") && session.getInt("postStatus") == 409) {
                                return session.set("status", "REJECTED").set("registrationId",
                                        session.contains("rejectedId") ? session.getString("rejectedId") : null);
                            }
                            return session;
                        })
                        .asLongAs(session -> "PENDING".equals(session.getString("status"))
                                && System.nanoTime() - session.getLong("t0") < decisionTimeoutNanos).on(
                                exec(http("GET registration (Prefer: wait)")
                                        .get(GATEWAY + "/api/registrations/#{registrationId}")
                                        .header("Authorization", session -> organisations.bearer(session.getInt("org")))
                                        .header("Prefer", session -> getWait)
                                        .check(status().saveAs("pollStatus"), status().is(200),
                                                jsonPath("$.status").saveAs("status")))
                                        .exec(session -> {
                                            step.polls.increment();
                                            if (!session.contains("pollStatus") || session.getInt("pollStatus") != 200) {
                                                step.pollErrors.increment();
                                                // an error answer: do not hammer the platform (it said why)
                                                return session.remove("pollStatus").set("backoff", true);
                                            }
                                            return session.remove("pollStatus").remove("backoff");
                                        })
                                        .exec(doIf(session -> session.contains("backoff")).then(pause(Duration.ofSeconds(1))))))
                .exec(session -> {
                    long end = System.nanoTime();
                    String outcome;
                    if (!session.contains("postStatus") || !session.contains("status")) {
                        outcome = "POST " + (session.contains("postStatus") ? String.valueOf((Object) session.get("postStatus")) : "no answer");
                    } else if ("PENDING".equals(session.getString("status"))) {
                        outcome = "STILL PENDING after timeout";
                    } else {
                        outcome = session.getString("status");
                    }
                    step.done(session.getLong("t0"), end, outcome,
                            session.contains("registrationId") ? session.getString("registrationId") : null);
                    return session;
                });
        return scenario(step.name).exec(registration)
                .injectOpen(constantUsersPerSec(step.ratePerSecond).during(step.seconds));
    }

    /** Reads through the gateway, a third each: the public catalogue, the token balance, my registrations. */
    PopulationBuilder reads(ReadStep step) {
        ChainBuilder chain = exec(session -> {
            if (step.loadAverage()[0] < 0) {
                step.loadAverage()[0] = LoadEnvironment.loadAverage();
            }
            return session.set("org", readCounter.getAndIncrement() % organisationCount);
        }).exec(roundRobinSwitch().on(
                timedRead(step.latencies(), "catalogue", GATEWAY + "/api/sessions/catalogue", false),
                timedRead(step.latencies(), "balance", GATEWAY + "/api/tokens/balance", true),
                timedRead(step.latencies(), "my registrations", GATEWAY + "/api/registrations?when=upcoming", true)))
                .exec(session -> {
                    step.loadAverage()[1] = LoadEnvironment.loadAverage();
                    return session;
                });
        return scenario(step.name()).exec(chain).injectOpen(constantUsersPerSec(step.ratePerSecond()).during(step.seconds()));
    }

    PopulationBuilder overheadScenario(String label, String url, boolean authenticated) {
        ChainBuilder chain = exec(session -> {
            if (overheadFrom == null) {
                overheadFrom = OffsetDateTime.now(ZoneOffset.UTC).toString();
            }
            synchronized (overheadLoad) {
                if (overheadLoad.size() < 2) {
                    overheadLoad.add(LoadEnvironment.loadAverage());
                } else {
                    overheadLoad.set(1, LoadEnvironment.loadAverage());
                }
            }
            return session.set("org", readCounter.getAndIncrement() % organisationCount);
        }).exec(timedRead(overhead, label, url, authenticated));
        return scenario("overhead " + label).exec(chain).injectOpen(constantUsersPerSec(overheadRate).during(overheadSeconds));
    }

    ChainBuilder timedRead(Latencies latencies, String label, String url, boolean authenticated) {
        var request = http(label).get(url);
        if (authenticated) {
            request = request.header("Authorization", session -> organisations.bearer(session.getInt("org")));
        }
        return exec(request.check(responseTimeInMillis().saveAs("rt"), status().saveAs("rs"), status().is(200)))
                .exec(session -> {
                    if (session.contains("rs") && session.getInt("rs") == 200) {
                        latencies.add(label, session.getInt("rt"));
                    } else {
                        latencies.error(label);
                    }
                    return session.remove("rs").remove("rt");
                });
    }

    @Override
    public void after() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("run", runId);
        report.put("finished", OffsetDateTime.now(ZoneOffset.UTC).toString());
        report.put("machine", LoadEnvironment.machine());
        report.put("loadAverageAtEnd", LoadEnvironment.loadAverage());
        report.put("settings", Map.of("organisations", organisationCount,
                "postPrefer", preferWait.isEmpty() ? "(none: the service's default wait)" : preferWait, "getPrefer", getWait,
                "tokensGrantedPerOrganisation", tokensGranted, "webinars", sessions == null ? 0 : sessions.size()));
        List<String> violations = new ArrayList<>();
        try {
            if (!allRegistrationSteps().isEmpty()) {
                try (SessionsDatabase database = new SessionsDatabase()) {
                    LoadInvariants invariants = new LoadInvariants(database, organisations, sessions, tokensGranted);
                    report.put("invariants", invariants.check());
                    violations.addAll(invariants.violations());
                    report.put("saga", stepSummaries(sagaSteps, database));
                    report.put("storm", stepSummaries(stormSteps, database));
                }
            }
            if (!readSteps.isEmpty()) {
                Map<String, Object> reads = new LinkedHashMap<>();
                for (ReadStep step : readSteps) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("offeredPerSecond", step.ratePerSecond());
                    one.put("seconds", step.seconds());
                    for (String label : List.of("catalogue", "balance", "my registrations")) {
                        one.put(label, step.latencies().summary(label, step.seconds()));
                    }
                    one.put("loadAverage", List.of(step.loadAverage()[0], step.loadAverage()[1]));
                    reads.put(step.name(), one);
                }
                report.put("reads", reads);
            }
            if (overheadFrom != null) {
                Map<String, Object> gateway = new LinkedHashMap<>();
                gateway.put("ratePerSecondEach", overheadRate);
                gateway.put("seconds", overheadSeconds);
                for (String read : List.of("catalogue", "balance")) {
                    Map<String, Object> direct = overhead.summary(read + " direct", overheadSeconds);
                    Map<String, Object> through = overhead.summary(read + " gateway", overheadSeconds);
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("direct", direct);
                    one.put("gateway", through);
                    for (String p : List.of("p50", "p99", "mean")) {
                        if (direct.get(p) instanceof Double d && through.get(p) instanceof Double g && d > 0) {
                            one.put("ratio " + p, Math.round(g / d * 100) / 100.0);
                        }
                    }
                    gateway.put(read, one);
                }
                gateway.put("loadAverage", new ArrayList<>(overheadLoad));
                report.put("gatewayOverhead", gateway);
            }
        } catch (RuntimeException e) {
            violations.add("the checks after the run failed: " + e);
            throw e;
        } finally {
            report.put("violations", violations);
            LoadReport.write(report);
            if (organisations != null) {
                organisations.close();
            }
        }
        if (!violations.isEmpty()) {
            throw new IllegalStateException("load invariants broken: " + violations);
        }
    }

    private Map<String, Object> stepSummaries(List<RegistrationStep> steps, SessionsDatabase database) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (ServiceDatabase tokens = new ServiceDatabase("tokens")) {
            for (RegistrationStep step : steps) {
                if (step.reported) {
                    List<UUID> ids = new ArrayList<>(step.registrations);
                    Map<String, Object> summary = step.summary(database.sagaMillis(ids));
                    summary.put("stagesMillis", SagaStages.of(ids, database, tokens));
                    out.put(step.name, summary);
                }
            }
        }
        return out;
    }
}
