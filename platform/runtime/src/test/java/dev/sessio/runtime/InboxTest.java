package dev.sessio.runtime;

import dev.sessio.testing.KafkaTestClient;
import dev.sessio.testing.PostgresServer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The test application's AccountsConsumer reads accounts.events.v1 through the inbox, as services do. */
@QuarkusTest
class InboxTest {

    static final String TOPIC = "accounts.events.v1";
    static final String DLQ = "accounts.events.v1.runtime-test.dlq";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theSameEventDeliveredTwiceChangesStateOnce() throws Exception {
        UUID org = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        Map<String, String> headers = headers(eventId, "sessio.accounts.OrganisationVerified.v1");
        String payload = payload(org);

        KafkaTestClient.send(TOPIC, org.toString(), payload, headers);
        KafkaTestClient.send(TOPIC, org.toString(), payload, headers);
        UUID marker = UUID.randomUUID();
        KafkaTestClient.send(TOPIC, marker.toString(), payload(marker), headers(UUID.randomUUID().toString(),
                "sessio.accounts.OrganisationVerified.v1"));

        // Once the later record is applied, both copies have been consumed (same partition order per key is not
        // needed: we wait for the marker and for the duplicate's inbox row).
        await().atMost(Duration.ofSeconds(30)).until(() -> times(marker) == 1 && times(org) >= 1);
        Thread.sleep(1000);
        assertThat(times(org)).isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndLaterRecordsStillFlow() throws Exception {
        UUID org = UUID.randomUUID();
        String poisonId = UUID.randomUUID().toString();
        // Right envelope, payload that is not the contract: can never be applied.
        KafkaTestClient.send(TOPIC, org.toString(), "{\"organisationId\": 42, \"name\": [",
                headers(poisonId, "sessio.accounts.OrganisationVerified.v1"));
        // No envelope at all.
        KafkaTestClient.send(TOPIC, org.toString(), "{}", Map.of());
        KafkaTestClient.send(TOPIC, org.toString(), payload(org),
                headers(UUID.randomUUID().toString(), "sessio.accounts.OrganisationVerified.v1"));

        await().atMost(Duration.ofSeconds(30)).until(() -> times(org) == 1);

        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readAll(DLQ,
                seen -> seen.stream().filter(r -> org.toString().equals(r.key())).count() >= 2, Duration.ofSeconds(30))
                .stream().filter(r -> org.toString().equals(r.key())).toList();
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).value()).startsWith("{\"organisationId\": 42");
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason")).contains("does not match");
        assertThat(KafkaTestClient.header(dead.get(1), "dead-letter-reason")).contains("without ce_id");
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-topic")).isEqualTo(TOPIC);
    }

    @Test
    void aBurstIsAppliedInBatchesInOrderOnceEachAndAPoisonInTheMiddleIsDeadLetteredAlone() throws Exception {
        UUID org = UUID.randomUUID();
        String type = "sessio.accounts.OrganisationVerified.v1";
        String repeated = UUID.randomUUID().toString();
        for (int i = 0; i < 80; i++) {
            if (i == 40) {
                KafkaTestClient.send(TOPIC, org.toString(), "{\"organisationId\": \"" + org + "\", \"name\": [",
                        headers(UUID.randomUUID().toString(), type));
            } else {
                // event 10 is sent twice (a relay re-send), in the same burst
                String id = i == 10 || i == 11 ? repeated : UUID.randomUUID().toString();
                KafkaTestClient.send(TOPIC, org.toString(), payload(org).replace("École", "n" + i), headers(id, type));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> names(org).size() >= 78);

        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) {
            if (i != 40 && i != 11) {
                expected.add("n" + i);
            }
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> names(org).equals(expected));
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readAll(DLQ,
                seen -> seen.stream().anyMatch(r -> org.toString().equals(r.key())), Duration.ofSeconds(30))
                .stream().filter(r -> org.toString().equals(r.key())).toList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).contains("\"name\": [");
    }

    private List<String> names(UUID org) throws Exception {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT name FROM applied_order WHERE organisation_id = '" + org + "' ORDER BY seq")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    @Test
    void aRecordArrivingWhileTheDatabaseIsAwayIsHeldAndAppliedOnceItIsBack() throws Exception {
        UUID org = UUID.randomUUID();
        setDatabaseReachable(false);
        try {
            KafkaTestClient.send(TOPIC, org.toString(), payload(org),
                    headers(UUID.randomUUID().toString(), "sessio.accounts.OrganisationVerified.v1"));
            // Far longer than the three attempts take: without the hold the record would be dead-lettered by now.
            List<ConsumerRecord<String, String>> dead = KafkaTestClient.readAll(DLQ,
                    seen -> seen.stream().anyMatch(r -> org.toString().equals(r.key())), Duration.ofSeconds(5));
            assertThat(dead).noneMatch(r -> org.toString().equals(r.key()));
        } finally {
            setDatabaseReachable(true);
        }
        // A dead-lettered record is never applied: applied now means it was held, not lost.
        await().atMost(Duration.ofSeconds(30)).until(() -> times(org) == 1);
    }

    /** As when the service's PostgreSQL restarts: every connection to the test database refused and cut. */
    private static void setDatabaseReachable(boolean reachable) throws Exception {
        try (Connection c = PostgresServer.get().getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE runtime_test WITH ALLOW_CONNECTIONS " + reachable);
            if (!reachable) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'runtime_test'");
            }
        }
    }

    @Test
    void eventTypesWithoutAHandlerAreSkippedWithoutError() throws Exception {
        UUID org = UUID.randomUUID();
        KafkaTestClient.send(TOPIC, org.toString(), "{\"organisationId\":\"" + org + "\"}",
                headers(UUID.randomUUID().toString(), "sessio.accounts.OrganisationReactivated.v1"));
        KafkaTestClient.send(TOPIC, org.toString(), payload(org),
                headers(UUID.randomUUID().toString(), "sessio.accounts.OrganisationVerified.v1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> times(org) == 1);
    }

    private long times(UUID org) {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT times FROM applied_event WHERE organisation_id = '" + org + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> headers(String id, String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_type", type, "ce_source", "/sessio/test",
                "ce_time", "2026-11-25T10:00:00Z");
    }

    private static String payload(UUID org) {
        return """
                {"organisationId":"%s","name":"École","adminUserId":"u1","adminEmail":"a@b.test","locale":"fr"}"""
                .formatted(org);
    }
}
