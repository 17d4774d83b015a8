package dev.sessio.systemtests.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.systemtests.KeycloakAdmin;
import dev.sessio.systemtests.Platform;
import dev.sessio.systemtests.faults.Schools.School;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #14, scale-out: a second tokens-service and sessions-service ({@code deploy/local/sessio up --replicas 2})
 * share the work with the first through their Kafka consumer groups, and the gateway spreads requests over both.
 * 20 registrations of one organisation with 5 tokens, POSTed in parallel: exactly 5 confirmed, no token lost or
 * debited twice, the organisation's ledger events in order.
 */
class ScaleOutIT {

    static final int TOKENS = 5;
    static final int REGISTRATIONS = 20;
    /** The consumer each scaled service must share with its second replica: group → topic it reads. */
    static final Map<String, String> SHARED_CONSUMERS = Map.of(
            "sessions-service", "tokens.events.v1",
            "tokens-service", "sessions.events.v1");
    static final String SESSIONS_2 = Platform.local(8183);
    static final String TOKENS_2 = Platform.local(8182);
    static final String SCRIPT = Platform.REPOSITORY.resolve("deploy/local/sessio").toString();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Whether the second replicas ran before this test: then they are left running. */
    private static boolean replicasWereUp;

    @BeforeAll
    static void secondReplicasUp() {
        LocalPlatform.ensureUp();
        replicasWereUp = running("tokens-service-2") && running("sessions-service-2");
        String output = LocalPlatform.run(Duration.ofMinutes(5), SCRIPT, "up", "--no-build", "--replicas", "2");
        assertThat(output).as("sessio up --replicas 2").containsAnyOf("Sessio is up", "already up");
        await("second replicas ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> LocalPlatform.readinessAt(SESSIONS_2) == 200 && LocalPlatform.readinessAt(TOKENS_2) == 200
                        && LocalPlatform.readiness("gateway") == 200);
        try (Admin admin = Topics.admin()) {
            await("both replicas in the consumer groups").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> SHARED_CONSUMERS.entrySet().stream()
                            .allMatch(c -> membersWithPartitions(admin, c.getKey(), c.getValue()) == 2));
        }
    }

    @AfterAll
    static void platformAsBefore() {
        if (!replicasWereUp) {
            String output = LocalPlatform.run(Duration.ofMinutes(3), SCRIPT, "down", "--replicas");
            assertThat(output).as("sessio down --replicas").doesNotContain("error:");
            try (Admin admin = Topics.admin()) {
                await("one member per consumer again").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> SHARED_CONSUMERS.entrySet().stream()
                                .allMatch(c -> membersWithPartitions(admin, c.getKey(), c.getValue()) == 1));
            }
        }
        LocalPlatform.ensureUp();
    }

    @Test
    void twoReplicasShareTheWorkAndTheSagaKeepsItsInvariants() throws Exception {
        long started = System.nanoTime();
        String ops = Schools.ops();
        School school = KeycloakAdmin.withCheapPasswordHashing(() -> Schools.newSchool("scale"));
        Schools.grant(ops, school.organisationId(), TOKENS);
        List<String> webinars = new ArrayList<>();
        for (int i = 0; i < REGISTRATIONS; i++) {
            webinars.add(Schools.webinar(ops, "scale-" + i));
        }
        // sessions-service refuses at once when its known balance is 0: wait until it has learnt the grant.
        await("sessions-service knows the grant").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> knownBalance(school.organisationId()) == TOKENS);
        RegistrationStorm.log("organisation, grant and webinars ready", started);

        Map<String, Double> postsBefore = registrationPostsPerReplica();
        List<Response> answers = registerInParallel(school, webinars);
        RegistrationStorm.log("20 registrations answered", started);

        List<String> registrationIds = new ArrayList<>();
        int refusedAtOnce = 0;
        for (Response answer : answers) {
            int status = answer.statusCode();
            assertThat(status).as("POST answer: %s", answer.asString()).isIn(201, 202, 409);
            String id = answer.path(status == 409 ? "registrationId" : "id");
            if (id != null) {
                registrationIds.add(id);
            } else {
                assertThat(answer.<String>path("type")).endsWith("/insufficient-tokens");
                refusedAtOnce++;
            }
        }
        Map<String, String> statuses = awaitDecided(school, registrationIds);
        RegistrationStorm.log("every registration decided", started);

        Map<String, Long> byStatus = statuses.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(byStatus.getOrDefault("CONFIRMED", 0L)).as("confirmed").isEqualTo(TOKENS);
        assertThat(byStatus.getOrDefault("REJECTED", 0L) + refusedAtOnce).as("rejected (stored or at once)")
                .isEqualTo(REGISTRATIONS - TOKENS);

        // The ledger: balance 0, one debit per confirmed registration and none for another.
        int available = Schools.gateway().header("Authorization", school.bearer()).get("/api/tokens/balance")
                .then().statusCode(200).extract().path("available");
        assertThat(available).as("balance through the API").isZero();
        List<String> debited = Databases.query("tokens",
                "SELECT cause_id::text FROM posting WHERE kind = 'DEBIT' AND organisation_id = ?",
                rs -> Databases.string(rs, 1), school.organisationId());
        List<String> confirmed = statuses.entrySet().stream().filter(e -> e.getValue().equals("CONFIRMED"))
                .map(Map.Entry::getKey).toList();
        assertThat(debited).as("DEBIT postings of the organisation").hasSize(TOKENS)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(confirmed);

        // Both replicas answered registrations, and both had partitions of the shared consumers.
        Map<String, Double> postsAfter = registrationPostsPerReplica();
        postsAfter.forEach((replica, count) -> assertThat(count - postsBefore.get(replica))
                .as("registration POSTs answered by %s", replica).isPositive());
        try (Admin admin = Topics.admin()) {
            SHARED_CONSUMERS.forEach((group, topic) -> assertThat(membersWithPartitions(admin, group, topic))
                    .as("members of %s with partitions of %s", group, topic).isEqualTo(2));
        }

        assertLedgerEventsInOrder(school.organisationId());
        await("sessions-service's known balance").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> knownBalance(school.organisationId()) == 0);
        System.out.printf("[scale-out] %s, %d refused at once; POSTs per replica %s → %s%n", byStatus, refusedAtOnce,
                postsBefore, postsAfter);
    }

    /** One registration per webinar, all at once, each retried with its own Idempotency-Key on a server error. */
    private static List<Response> registerInParallel(School school, List<String> webinars) throws Exception {
        List<Response> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ready = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(webinars.size())) {
            List<Future<?>> sent = new ArrayList<>();
            for (String webinar : webinars) {
                sent.add(pool.submit(() -> {
                    String key = UUID.randomUUID().toString();
                    ready.incrementAndGet();
                    // Start together: the point is concurrency between the replicas.
                    while (ready.get() < webinars.size()) {
                        Thread.onSpinWait();
                    }
                    answers.add(Retry.send(() -> Schools.gateway().header("Authorization", school.bearer())
                            .header("Idempotency-Key", key).contentType(ContentType.JSON)
                            .post("/api/sessions/" + webinar + "/registrations")));
                }));
            }
            for (Future<?> one : sent) {
                one.get(3, TimeUnit.MINUTES);
            }
        }
        assertThat(answers).hasSize(webinars.size());
        return answers;
    }

    /** Polls each registration through the gateway until none is PENDING. */
    private static Map<String, String> awaitDecided(School school, List<String> ids) {
        Map<String, String> statuses = new HashMap<>();
        await("every registration decided").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    for (String id : ids) {
                        if (!statuses.containsKey(id)) {
                            Response r = Schools.gateway().header("Authorization", school.bearer())
                                    .get("/api/registrations/" + id);
                            String status = r.statusCode() == 200 ? r.path("status") : null;
                            if (status != null && !status.equals("PENDING")) {
                                statuses.put(id, status);
                            }
                        }
                    }
                    return statuses.size() == ids.size();
                });
        return statuses;
    }

    /**
     * The organisation's debit decisions on {@code tokens.events.v1} (keyed by organisation: one partition, in
     * order): debits leave 4, 3, 2, 1, 0, and every rejection comes after the last debit with a balance of 0.
     */
    private static void assertLedgerEventsInOrder(UUID organisationId) throws IOException {
        List<ConsumerRecord<String, byte[]>> records = Topics.readAll(List.of("tokens.events.v1")).stream()
                .filter(r -> organisationId.toString().equals(r.key()))
                .filter(r -> String.valueOf(Topics.header(r, "ce_type")).matches("sessio\\.tokens\\.TokenDebit(ed|Rejected)\\.v1"))
                .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
                .toList();
        assertThat(records.stream().map(ConsumerRecord::partition).distinct()).as("partitions of the organisation")
                .hasSize(1);
        List<Integer> balancesAfterDebit = new ArrayList<>();
        long lastDebit = -1;
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode payload = JSON.readTree(record.value());
            if (Topics.header(record, "ce_type").contains("TokenDebited")) {
                balancesAfterDebit.add(payload.path("balanceAfter").asInt());
                lastDebit = record.offset();
            } else {
                assertThat(record.offset()).as("a rejection after the last debit").isGreaterThan(lastDebit);
                assertThat(payload.path("balance").asInt()).as("balance when rejected").isZero();
            }
        }
        assertThat(balancesAfterDebit).as("balanceAfter of the debits, in partition order").containsExactly(4, 3, 2, 1, 0);
    }

    /** sessions-service's known balance of the organisation (its projection of the ledger events); -1 when none. */
    private static int knownBalance(UUID organisationId) {
        List<Integer> balances = Databases.query("sessions",
                "SELECT balance FROM organisation_balance WHERE organisation_id = ?", rs -> {
                    try {
                        return rs.getInt(1);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, organisationId);
        return balances.isEmpty() ? -1 : balances.getFirst();
    }

    /** Registration POSTs each sessions-service replica has answered (its own /q/metrics). */
    private static Map<String, Double> registrationPostsPerReplica() {
        Map<String, Double> counts = new HashMap<>();
        counts.put("sessions-service", registrationPosts(Platform.service("sessions-service")));
        counts.put("sessions-service-2", registrationPosts(SESSIONS_2));
        return counts;
    }

    private static double registrationPosts(String base) {
        String metrics = given().baseUri(base).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count{") && l.contains("method=\"POST\"")
                        && l.contains("/registrations\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Members of {@code group} holding partitions of {@code topic} (each replica has one consumer per topic). */
    static long membersWithPartitions(Admin admin, String group, String topic) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(20, TimeUnit.SECONDS).get(group);
            return description.members().stream().map(MemberDescription::assignment)
                    .filter(a -> a.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic)))
                    .count();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe consumer group " + group, e);
        }
    }

    /** The part's PID file names a live process. */
    private static boolean running(String part) {
        try {
            return LocalPlatform.alive(LocalPlatform.pid(part));
        } catch (UncheckedIOException | NumberFormatException e) {
            return false;
        }
    }
}
