package dev.sessio.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sessio.events.EventTypes;
import dev.sessio.testing.KafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Publishes contract records to the real broker as the producing services' relays do (CloudEvents binary mode). */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private Events() {
    }

    /** Publishes with a fresh event id; returns the id (to publish the same event again). */
    public static String publish(Object event, Object key) {
        String id = UUID.randomUUID().toString();
        publish(event, key, id);
        return id;
    }

    public static void publish(Object event, Object key, String eventId) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(EventTypes.topic(event.getClass()),
                    String.valueOf(key), JSON.writeValueAsString(event));
            Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_type", EventTypes.ceType(event.getClass()),
                            "ce_source", "/sessio/test", "ce_time", Instant.now().toString(),
                            "content-type", "application/json")
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event, e);
        }
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
