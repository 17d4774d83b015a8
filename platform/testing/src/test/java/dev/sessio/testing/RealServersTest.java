package dev.sessio.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RealServersTest {

    @Test
    void postgresGivesEachCallerItsOwnEmptyDatabase() throws Exception {
        String url = PostgresServer.freshDatabase("first_service");
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            c.createStatement().execute("create table t(x int)");
            c.createStatement().execute("insert into t values (42)");
            ResultSet rs = c.createStatement().executeQuery("select x from t");
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
        String again = PostgresServer.freshDatabase("first_service");
        try (Connection c = DriverManager.getConnection(again, "postgres", "postgres")) {
            ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from information_schema.tables where table_name = 't'");
            rs.next();
            assertEquals(0, rs.getInt(1), "a fresh database starts empty");
        }
    }

    @Test
    void kafkaBrokerKeepsRecordsAcrossACrash() throws Exception {
        KafkaBroker broker = KafkaBroker.get();
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>("real-servers-test", "k", "before-crash")).get(30, TimeUnit.SECONDS);
        }
        broker.kill();
        broker.restart();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>("real-servers-test", "k", "after-restart")).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "real-servers-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of("real-servers-test"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.size() < 2 && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(r -> values.add(r.value()));
            }
        }
        assertEquals(List.of("before-crash", "after-restart"), values);
    }
}
