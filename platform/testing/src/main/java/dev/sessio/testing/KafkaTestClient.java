package dev.sessio.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sessio.events.EventTypes;
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

/**
 * Plain Kafka clients on the test broker: publish a contract as another service would (CloudEvents binary mode),
 * send raw records (poison, duplicates), read a topic from the start.
 */
public final class KafkaTestClient {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private KafkaTestClient() {
    }

    /** Publishes {@code event} to its producer's topic with the given event id (the same id twice = a redelivery). */
    public static String publish(Object event, Object key, String eventId) {
        try {
            send(EventTypes.topic(event.getClass()), key.toString(), JSON.writeValueAsString(event), Map.of(
                    "ce_specversion", "1.0", "ce_id", eventId, "ce_type", EventTypes.ceType(event.getClass()),
                    "ce_source", "/sessio/test", "ce_time", Instant.now().toString(),
                    "content-type", "application/json"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return eventId;
    }

    public static String publish(Object event, Object key) {
        return publish(event, key, UUID.randomUUID().toString());
    }

    public static void send(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Reads {@code topic} from the start until {@code until} holds for what was read, or the timeout. */
    public static List<ConsumerRecord<String, String>> readAll(String topic,
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

    /** The records of {@code topic} with this key and CloudEvents type, waiting until {@code count} arrived. */
    public static List<ConsumerRecord<String, String>> await(String topic, Object key, String ceType, int count,
                                                             Duration timeout) {
        Predicate<ConsumerRecord<String, String>> wanted = r -> key.toString().equals(r.key())
                && ceType.equals(header(r, "ce_type"));
        return readAll(topic, seen -> seen.stream().filter(wanted).count() >= count, timeout)
                .stream().filter(wanted).toList();
    }

    /** The contracts of one type published under one key (read from the start), waiting until {@code until} holds. */
    public static <T> List<T> published(Class<T> type, Object key, Predicate<List<T>> until, Duration timeout) {
        String ceType = EventTypes.ceType(type);
        Predicate<ConsumerRecord<String, String>> wanted = r -> key.toString().equals(r.key())
                && ceType.equals(header(r, "ce_type"));
        return readAll(EventTypes.topic(type),
                seen -> until.test(seen.stream().filter(wanted).map(r -> parse(r, type)).toList()), timeout)
                .stream().filter(wanted).map(r -> parse(r, type)).toList();
    }

    /** Waits (30 s) for the first contract of a type published under a key. */
    public static <T> T awaitOne(Class<T> type, Object key) {
        List<T> found = published(type, key, l -> !l.isEmpty(), Duration.ofSeconds(30));
        if (found.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " published for " + key);
        }
        return found.get(0);
    }

    private static <T> T parse(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return JSON.readValue(record.value(), type);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + record.value(), e);
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
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
