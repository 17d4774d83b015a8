package dev.sessio.runtime.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.events.EventTypes;
import dev.sessio.runtime.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Records an event in the caller's transaction; {@link OutboxRelay} publishes it after commit.
 * Never sends to Kafka itself, so a rolled-back change never leaks an event and a committed one is never lost.
 */
@ApplicationScoped
public class Outbox {

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final String source;
    private final Clock clock;

    public Outbox(DataSource dataSource, ObjectMapper json, PlatformConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.source = "/sessio/" + config.serviceName();
        this.clock = clock;
    }

    /** One event to record with {@link #recordAll}: the contract, its Kafka key and optional subject. */
    public record Pending(Object event, Object key, String subject) {
    }

    /**
     * Records several events in the caller's transaction with one statement, in the list's order (the relay
     * publishes by id, so per key in this order). A consumer's batch writes its answers this way.
     *
     * @return the event ids, in order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> recordAll(List<Pending> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] subjects = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Pending pending = events.get(i);
            Objects.requireNonNull(pending.event(), "event");
            Objects.requireNonNull(pending.key(), "key");
            ids[i] = UUID.randomUUID();
            topics[i] = EventTypes.topic(pending.event().getClass());
            keys[i] = pending.key().toString();
            types[i] = EventTypes.ceType(pending.event().getClass());
            subjects[i] = pending.subject();
            payloads[i] = serialise(pending.event());
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO outbox (event_id, topic, kafka_key, ce_type, ce_source, ce_subject, ce_time, payload)
                     SELECT e.id, e.topic, e.kafka_key, e.type, ?, e.subject, ?, e.payload::json
                     FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                          AS e(id, topic, kafka_key, type, subject, payload, n)
                     ORDER BY e.n""")) {
            insert.setString(1, source);
            insert.setTimestamp(2, Timestamp.from(Instant.now(clock)));
            insert.setArray(3, c.createArrayOf("uuid", ids));
            insert.setArray(4, c.createArrayOf("text", topics));
            insert.setArray(5, c.createArrayOf("text", keys));
            insert.setArray(6, c.createArrayOf("text", types));
            insert.setArray(7, c.createArrayOf("text", subjects));
            insert.setArray(8, c.createArrayOf("text", payloads));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record events in the outbox", e);
        }
        return new ArrayList<>(List.of(ids));
    }

    private String serialise(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be serialised: " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param event a contract from {@code platform/events}
     * @param key   the Kafka key: the aggregate consumers must see in order (organisation or session id)
     * @return the event id ({@code ce_id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(Object event, Object key) {
        return record(event, key, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(Object event, Object key, String subject) {
        return recordAll(List.of(new Pending(event, key, subject))).getFirst();
    }
}
