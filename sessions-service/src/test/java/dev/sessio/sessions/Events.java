package dev.sessio.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.events.EventTypes;
import dev.sessio.testing.KafkaBroker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Test side of Kafka and the outbox: sends events as the other services would (CloudEvents binary headers), and
 * reads what this service recorded in its outbox or published.
 */
@ApplicationScoped
public class Events {

    /** One row of the outbox, payload parsed. */
    public record Recorded(String ceType, String key, JsonNode payload, boolean sent) {
    }

    private final ObjectMapper json;
    private final AgroalDataSource dataSource;
    private KafkaProducer<String, String> producer;

    public Events(ObjectMapper json, AgroalDataSource dataSource) {
        this.json = json;
        this.dataSource = dataSource;
    }

    /** Sends a contract record with a fresh event id; returns the id (to redeliver it). */
    public String send(Object event, Object key) {
        String id = UUID.randomUUID().toString();
        send(id, event, key);
        return id;
    }

    /** Sends with a given event id: the same id twice is a redelivery. */
    public void send(String eventId, Object event, Object key) {
        try {
            sendRaw(EventTypes.topic(event.getClass()), key.toString(), json.writeValueAsString(event), Map.of(
                    "ce_specversion", "1.0", "ce_id", eventId, "ce_type", EventTypes.ceType(event.getClass()),
                    "ce_source", "/sessio/test", "ce_time", "2026-11-02T08:00:00Z", "content-type", "application/json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized void sendRaw(String topic, String key, String value, Map<String, String> headers)
            throws Exception {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.get().bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.LINGER_MS_CONFIG, 0));
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    /** Events of one type this service recorded whose payload field equals the value, in order. */
    public List<Recorded> recorded(String name, String field, Object value) {
        String ceType = "sessio.sessions." + name + ".v1";
        List<Recorded> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT ce_type, kafka_key, payload::text, sent_at IS NOT NULL FROM outbox "
                             + "WHERE ce_type = ? AND payload->>? = ? ORDER BY id")) {
            select.setString(1, ceType);
            select.setString(2, field);
            select.setString(3, value.toString());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new Recorded(rs.getString(1), rs.getString(2), json.readTree(rs.getString(3)),
                            rs.getBoolean(4)));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Reads a topic from the start until {@code until} holds or the timeout passes. */
    public static List<ConsumerRecord<String, String>> read(String topic,
                                                            Predicate<List<ConsumerRecord<String, String>>> until,
                                                            Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !until.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    void close(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
