package dev.sessio.runtime.outbox;

import dev.sessio.runtime.config.PlatformConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes one batch of unsent outbox rows, in order, as CloudEvents in Kafka binary mode, and marks them
 * sent only after the broker acknowledged every one. A crash before the mark re-sends the batch later:
 * delivery is at least once, and consumers' inboxes make the effect exactly once.
 */
@ApplicationScoped
public class OutboxPublisher {

    /** pg advisory lock: one publisher at a time across replicas, which keeps per-key order. */
    static final long LOCK_KEY = 0x5E5510_0B0CL;

    private final DataSource dataSource;
    private final OutboxProducer producer;
    private final PlatformConfig config;

    public OutboxPublisher(DataSource dataSource, OutboxProducer producer, PlatformConfig config) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.config = config;
    }

    /** @return how many rows were published (0 when another replica holds the lock or nothing is pending) */
    public int publishPending() {
        return publishPending(() -> {
        });
    }

    /**
     * @param beforeMark runs after the broker acknowledged and before the rows are marked; tests throw from
     *                   it to simulate a crash between send and mark
     */
    public int publishPending(Runnable beforeMark) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!tryLock(c)) {
                    return 0;
                }
                List<Row> rows = claim(c, config.outbox().batchSize());
                if (rows.isEmpty()) {
                    return 0;
                }
                send(rows);
                beforeMark.run();
                markSent(c, rows);
                return rows.size();
            }
        });
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static List<Row> claim(Connection c, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, event_id, topic, kafka_key, ce_type, ce_source, ce_subject, ce_time, payload::text
                FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            select.setInt(1, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getTimestamp(8).toInstant().toString(), rs.getString(9)));
                }
            }
            return rows;
        }
    }

    private void send(List<Row> rows) throws InterruptedException, ExecutionException, TimeoutException {
        KafkaProducer<String, byte[]> kafka = producer.get();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            acks.add(kafka.send(row.toRecord()));
        }
        long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private static void markSent(Connection c, List<Row> rows) throws SQLException {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement mark = c.prepareStatement("UPDATE outbox SET sent_at = now() WHERE id = ANY (?)")) {
            Array array = c.createArrayOf("bigint", ids);
            mark.setArray(1, array);
            mark.executeUpdate();
        }
    }

    /** Deletes rows sent longer ago than the retention; returns how many. */
    public int prune() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement delete = c.prepareStatement(
                         "DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => ?)")) {
                delete.setDouble(1, config.outbox().retention().toSeconds());
                return delete.executeUpdate();
            }
        });
    }

    /** Rows waiting to be published (a metric and a readiness hint). */
    public long pending() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    record Row(long id, String eventId, String topic, String key, String type, String source, String subject,
               String time, String payload) {

        ProducerRecord<String, byte[]> toRecord() {
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_specversion", bytes("1.0"));
            headers.add("ce_id", bytes(eventId));
            headers.add("ce_type", bytes(type));
            headers.add("ce_source", bytes(source));
            headers.add("ce_time", bytes(time));
            if (subject != null) {
                headers.add("ce_subject", bytes(subject));
            }
            headers.add("content-type", bytes("application/json"));
            return new ProducerRecord<>(topic, null, key, payload.getBytes(StandardCharsets.UTF_8), headers);
        }

        private static byte[] bytes(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
