package dev.sessio.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sessio.events.EventTypes;
import dev.sessio.testing.KafkaBroker;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Writes CloudEvents the way sessions-service's relay does, and reads what video-service published. */
public final class Kafka {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private Kafka() {
    }

    /** Publishes a contract as sessions-service would; answers the event id. */
    public static String publish(Object event, UUID key) {
        String id = UUID.randomUUID().toString();
        publish(event, key, id);
        return id;
    }

    /** Publishes with a given event id: the same id twice is a redelivery. */
    public static void publish(Object event, UUID key, String eventId) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(EventTypes.topic(event.getClass()),
                    key.toString(), JSON.writeValueAsString(event));
            Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_type", EventTypes.ceType(event.getClass()),
                            "ce_source", "/sessio/sessions", "ce_time", Instant.now().toString(),
                            "ce_subject", "session/" + key, "content-type", "application/json")
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Events of one type published by video-service under one key, waiting until {@code until} holds. */
    public static <T> List<T> published(Class<T> type, UUID key, Predicate<List<T>> until, Duration timeout) {
        List<T> found = new ArrayList<>();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        String ceType = EventTypes.ceType(type);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(EventTypes.topic(type)));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !until.test(found)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.toString().equals(r.key()) && ceType.equals(header(r, "ce_type"))) {
                        found.add(JSON.readValue(r.value(), type));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Waits for the first event of a type under a key. */
    public static <T> T awaitOne(Class<T> type, UUID key) {
        List<T> found = published(type, key, l -> !l.isEmpty(), Duration.ofSeconds(30));
        if (found.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " published for " + key);
        }
        return found.get(0);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.get().bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        }
        return producer;
    }
}
