package dev.sessio.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.testing.KafkaTestClient;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test side of events: other services' events are published as they would publish them (platform/testing's
 * {@link KafkaTestClient}, CloudEvents binary headers), and what this service recorded is read from its outbox.
 */
@ApplicationScoped
public class Events {

    /** One row of the outbox, payload parsed. */
    public record Recorded(String ceType, String key, JsonNode payload, boolean sent) {
    }

    private final ObjectMapper json;
    private final AgroalDataSource dataSource;

    public Events(ObjectMapper json, AgroalDataSource dataSource) {
        this.json = json;
        this.dataSource = dataSource;
    }

    /** Publishes a contract record with a fresh event id; returns the id (to redeliver it). */
    public String send(Object event, Object key) {
        return KafkaTestClient.publish(event, key, UUID.randomUUID().toString());
    }

    /** Publishes with a given event id: the same id twice is a redelivery. */
    public void send(String eventId, Object event, Object key) {
        KafkaTestClient.publish(event, key, eventId);
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
}
