package dev.sessio.tokens;

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

/**
 * Plain Kafka clients for tests: publish a contract as a CloudEvent (binary mode), read a topic from the start.
 * The same helper lives in platform/runtime's tests; it belongs in platform/testing.
 */
public final class KafkaTestClient {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private KafkaTestClient() {
    }

    /** Publishes {@code event} as a CloudEvent with the given id; returns that id. */
    public static String publish(Object event, Object key, String eventId) throws Exception {
        send(EventTypes.topic(event.getClass()), key.toString(), JSON.writeValueAsString(event), Map.of(
                "ce_specversion", "1.0", "ce_id", eventId, "ce_type", EventTypes.ceType(event.getClass()),
                "ce_source", "/sessio/test", "ce_time", Instant.now().toString(), "content-type", "application/json"));
        return eventId;
    }

    public static String publish(Object event, Object key) throws Exception {
        return publish(event, key, UUID.randomUUID().toString());
    }

    public static void send(String topic, String key, String value, Map<String, String> headers) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.get().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
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

    /** The events of one type for one key on {@code topic}, waiting until at least {@code atLeast} are there. */
    public static <T> List<T> events(Class<T> contract, String key, int atLeast, Duration timeout) {
        String type = EventTypes.ceType(contract);
        Predicate<ConsumerRecord<String, String>> match = r -> key.equals(r.key()) && type.equals(header(r, "ce_type"));
        return readAll(EventTypes.topic(contract), seen -> seen.stream().filter(match).count() >= atLeast, timeout)
                .stream().filter(match).map(r -> read(r.value(), contract)).toList();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
