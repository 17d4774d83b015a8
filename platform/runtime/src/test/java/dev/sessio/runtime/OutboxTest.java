package dev.sessio.runtime;

import dev.sessio.testing.KafkaTestClient;

import dev.sessio.events.EventTypes;
import dev.sessio.events.accounts.OrganisationVerified;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.outbox.OutboxPublisher;
import dev.sessio.runtime.outbox.OutboxRelay;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class OutboxTest {

    static final String TOPIC = EventTypes.topic(OrganisationVerified.class);

    @Inject
    Outbox outbox;
    @Inject
    OutboxPublisher publisher;
    @Inject
    OutboxRelay relay;
    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void relayStopped() {
        relay.stop();
        publisher.publishPending(); // drain what earlier tests left
    }

    @AfterEach
    void relayRestarted() {
        relay.start();
    }

    @Test
    void anEventRecordedInARolledBackTransactionIsNeverPublished() throws Exception {
        UUID org = UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.record(verified(org), org);
            throw new IllegalStateException("business rule failed after the event was recorded");
        })).isInstanceOf(IllegalStateException.class);
        UUID committed = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.record(verified(committed), committed));

        while (publisher.publishPending() > 0) {
            // drain
        }

        List<ConsumerRecord<String, String>> records = KafkaTestClient.readAll(TOPIC,
                seen -> seen.stream().anyMatch(r -> committed.toString().equals(r.key())), Duration.ofSeconds(20));
        assertThat(records).extracting(ConsumerRecord::key).contains(committed.toString())
                .doesNotContain(org.toString());
        assertThat(countRows("SELECT count(*) FROM outbox WHERE kafka_key = '" + org + "'")).isZero();
    }

    @Test
    void aCommittedEventIsPublishedAsACloudEventWithItsKey() {
        UUID org = UUID.randomUUID();
        UUID eventId = QuarkusTransaction.requiringNew().call(() -> outbox.record(verified(org), org, "organisation/" + org));
        relay.start();

        List<ConsumerRecord<String, String>> records = KafkaTestClient.readAll(TOPIC,
                seen -> seen.stream().anyMatch(r -> org.toString().equals(r.key())), Duration.ofSeconds(20));
        ConsumerRecord<String, String> record = records.stream().filter(r -> org.toString().equals(r.key()))
                .findFirst().orElseThrow();
        assertThat(KafkaTestClient.header(record, "ce_id")).isEqualTo(eventId.toString());
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("sessio.accounts.OrganisationVerified.v1");
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("/sessio/runtime-test");
        assertThat(KafkaTestClient.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo("organisation/" + org);
        assertThat(KafkaTestClient.header(record, "ce_time")).isNotBlank();
        assertThat(record.value()).contains("\"organisationId\":\"" + org + "\"");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                countRows("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND event_id = '" + eventId + "'") == 0);
    }

    @Test
    void aCrashBetweenSendAndMarkResendsAndTheInboxAppliesItOnce() throws Exception {
        UUID org = UUID.randomUUID();
        UUID eventId = QuarkusTransaction.requiringNew().call(() -> outbox.record(verified(org), org));

        assertThatThrownBy(() -> publisher.publishPending(() -> {
            throw new IllegalStateException("relay crashed after the broker acknowledged");
        })).hasMessageContaining("relay crashed");
        assertThat(countRows("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND event_id = '" + eventId + "'"))
                .as("not marked: the crash happened before the mark").isEqualTo(1);

        assertThat(publisher.publishPending()).isGreaterThanOrEqualTo(1);

        List<ConsumerRecord<String, String>> copies = KafkaTestClient.readAll(TOPIC,
                seen -> seen.stream().filter(r -> org.toString().equals(r.key())).count() >= 2, Duration.ofSeconds(20))
                .stream().filter(r -> org.toString().equals(r.key())).toList();
        assertThat(copies).as("at least once on the wire").hasSize(2)
                .allMatch(r -> eventId.toString().equals(KafkaTestClient.header(r, "ce_id")));
        // The test application's consumer (AccountsConsumer) applies it through the inbox: once in effect.
        await().atMost(Duration.ofSeconds(20)).until(() ->
                countRows("SELECT count(*) FROM inbox WHERE event_id = '" + eventId + "'") == 1);
        Thread.sleep(500);
        assertThat(countRows("SELECT times FROM applied_event WHERE organisation_id = '" + org + "'")).isEqualTo(1);
    }

    @Test
    void twoRelaysAtOncePublishEachRowOnceAndInOrderPerKey() throws Exception {
        List<UUID> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(UUID.randomUUID());
        }
        Map<String, List<String>> expected = new LinkedHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<CompletableFuture<Integer>> relays = List.of(
                CompletableFuture.supplyAsync(() -> drain(writing), pool),
                CompletableFuture.supplyAsync(() -> drain(writing), pool));
        for (int i = 0; i < 400; i++) {
            UUID key = keys.get(i % keys.size());
            UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.record(verified(key), key));
            expected.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(id.toString());
        }
        writing.set(false);
        int published = relays.stream().mapToInt(CompletableFuture::join).sum();
        pool.shutdown();
        assertThat(published).isEqualTo(400);

        Set<String> ours = expected.keySet();
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readAll(TOPIC,
                seen -> seen.stream().filter(r -> ours.contains(r.key())).count() >= 400, Duration.ofSeconds(30))
                .stream().filter(r -> ours.contains(r.key())).toList();
        assertThat(records).hasSize(400);
        Map<String, List<String>> actual = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                LinkedHashMap::new, Collectors.mapping(r -> KafkaTestClient.header(r, "ce_id"), Collectors.toList())));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void sentRowsArePrunedAfterTheRetention() throws Exception {
        UUID org = UUID.randomUUID();
        UUID eventId = QuarkusTransaction.requiringNew().call(() -> outbox.record(verified(org), org));
        publisher.publishPending();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate(
                    "UPDATE outbox SET sent_at = now() - interval '8 days' WHERE event_id = '" + eventId + "'");
        }
        UUID unsent = QuarkusTransaction.requiringNew().call(() -> outbox.record(verified(org), org));

        assertThat(publisher.prune()).isGreaterThanOrEqualTo(1);

        assertThat(countRows("SELECT count(*) FROM outbox WHERE event_id = '" + eventId + "'")).isZero();
        assertThat(countRows("SELECT count(*) FROM outbox WHERE event_id = '" + unsent + "'"))
                .as("unsent rows are never pruned").isEqualTo(1);
    }

    private int drain(AtomicBoolean writing) {
        int total = 0;
        while (true) {
            boolean stillWriting = writing.get();
            int count = publisher.publishPending();
            total += count;
            if (count == 0 && !stillWriting && countRows("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0) {
                return total;
            }
            Thread.onSpinWait();
        }
    }

    private long countRows(String sql) {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static OrganisationVerified verified(UUID org) {
        return new OrganisationVerified(org, "École " + org.toString().substring(0, 8), "user-1", "admin@ecole.test", "fr");
    }

}
