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
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(key, "key");
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be serialised: " + event.getClass().getSimpleName(), e);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO outbox (event_id, topic, kafka_key, ce_type, ce_source, ce_subject, ce_time, payload)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?::json)""")) {
            insert.setObject(1, id);
            insert.setString(2, EventTypes.topic(event.getClass()));
            insert.setString(3, key.toString());
            insert.setString(4, EventTypes.ceType(event.getClass()));
            insert.setString(5, source);
            insert.setString(6, subject);
            insert.setTimestamp(7, Timestamp.from(Instant.now(clock)));
            insert.setString(8, payload);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record event in the outbox", e);
        }
        return id;
    }
}
