package dev.sessio.video.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.events.sessions.SessionKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies Vonage session-monitoring and archive callbacks once each (Vonage retries): connections become
 * intervals for usage, a first published stream starts a defence's recording, archive statuses move recordings.
 */
@ApplicationScoped
public class ProviderCallbacks {

    private static final Logger LOG = Logger.getLogger(ProviderCallbacks.class);

    private final EntityManager em;
    private final ObjectMapper json;
    private final Recordings recordings;
    private final Clock clock;
    private final Event<FirstPublish> firstPublish;

    public ProviderCallbacks(EntityManager em, ObjectMapper json, Recordings recordings, Clock clock,
                             Event<FirstPublish> firstPublish) {
        this.em = em;
        this.json = json;
        this.recordings = recordings;
        this.clock = clock;
        this.firstPublish = firstPublish;
    }

    /** @return false when this exact callback was already applied */
    @Transactional
    public boolean apply(String body, String bodyHash) {
        JsonNode callback;
        try {
            callback = json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("callback body is not JSON");
        }
        if (callback == null || !callback.isObject()) {
            throw new IllegalArgumentException("callback body is not a JSON object");
        }
        String event = text(callback, "event");
        int inserted = em.createNativeQuery("""
                        INSERT INTO provider_callback (body_hash, event, received_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, bodyHash).setParameter(2, event).setParameter(3, Instant.now(clock)).executeUpdate();
        if (inserted == 0) {
            LOG.debugf("callback %s already applied", bodyHash);
            return false;
        }
        String providerRoomId = text(callback, "sessionId");
        if ("archive".equals(event) || (event == null && callback.has("status") && callback.has("id"))) {
            recordings.archiveStatus(text(callback, "id"), providerRoomId, text(callback, "status"),
                    callback.hasNonNull("duration") ? callback.get("duration").asLong() : null, text(callback, "url"));
            return true;
        }
        Optional<Room> room = providerRoomId == null ? Optional.empty() : Room.byProviderRoom(providerRoomId);
        if (room.isEmpty()) {
            LOG.debugf("callback %s for a room that is not ours ignored", event);
            return true;
        }
        switch (event == null ? "" : event) {
            case "connectionCreated" -> connected(room.get(), callback);
            case "connectionDestroyed" -> disconnected(room.get(), callback);
            case "streamCreated" -> published(room.get());
            default -> LOG.debugf("callback %s ignored", event);
        }
        return true;
    }

    private void connected(Room room, JsonNode callback) {
        JsonNode connection = callback.path("connection");
        String connectionId = text(connection, "id");
        if (connectionId == null) {
            return;
        }
        Instant at = millis(connection, "createdAt").or(() -> millis(callback, "timestamp")).orElse(Instant.now(clock));
        ConnectionInterval interval = ConnectionInterval.findById(connectionId);
        if (interval == null) {
            interval = new ConnectionInterval();
            interval.connectionId = connectionId;
            interval.sessionId = room.sessionId;
            interval.participantId = participantOf(connection, connectionId);
            interval.joinedAt = at;
            interval.persist();
        } else {
            interval.joinedAt = at; // the destroyed callback came first
        }
    }

    private void disconnected(Room room, JsonNode callback) {
        JsonNode connection = callback.path("connection");
        String connectionId = text(connection, "id");
        if (connectionId == null) {
            return;
        }
        Instant left = millis(callback, "timestamp").orElse(Instant.now(clock));
        ConnectionInterval interval = ConnectionInterval.findById(connectionId);
        if (interval == null) {
            interval = new ConnectionInterval();
            interval.connectionId = connectionId;
            interval.sessionId = room.sessionId;
            interval.participantId = participantOf(connection, connectionId);
            interval.joinedAt = millis(connection, "createdAt").orElse(left);
            interval.persist();
        }
        interval.leftAt = left;
    }

    /**
     * Defences are recorded from the moment somebody publishes. Vonage is asked once this callback has committed:
     * a failing start inside this transaction would mark it rollback-only and lose the callback with it.
     */
    private void published(Room room) {
        if (room.kind != SessionKind.DEFENCE || Recording.inProgress(room.sessionId)) {
            return;
        }
        firstPublish.fire(new FirstPublish(room.sessionId));
    }

    /** Fired inside the callback's transaction; the recording starts after it committed. */
    public record FirstPublish(java.util.UUID sessionId) {
    }

    void startRecording(@Observes(during = TransactionPhase.AFTER_SUCCESS) FirstPublish published) {
        try {
            QuarkusTransaction.requiringNew().run(() -> recordings.start(published.sessionId(), "first-publish"));
        } catch (RuntimeException e) {
            // The mentor can still start it, and the next publish tries again.
            LOG.warnf("recording of defence %s could not start on first publish: %s", published.sessionId(),
                    e.getMessage());
        }
    }

    /** The participant named in the token's connection data (what Sessio put there), else the connection itself. */
    private String participantOf(JsonNode connection, String connectionId) {
        String data = text(connection, "data");
        if (data != null) {
            try {
                JsonNode parsed = json.readTree(data);
                if (parsed != null && parsed.hasNonNull("participantId")) {
                    return parsed.get("participantId").asText();
                }
            } catch (IOException e) {
                // not ours: fall back to the connection id
            }
        }
        return "connection:" + connectionId;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Optional<Instant> millis(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToLong() ? Optional.of(Instant.ofEpochMilli(value.asLong()))
                : Optional.empty();
    }
}
