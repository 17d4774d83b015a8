package dev.sessio.video.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One client connection to a room, from the provider's connectionCreated to its connectionDestroyed. */
@Entity
@Table(name = "connection_interval")
public class ConnectionInterval extends PanacheEntityBase {

    @Id
    @Column(name = "connection_id")
    public String connectionId;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "participant_id")
    public String participantId;
    @Column(name = "joined_at")
    public Instant joinedAt;
    @Column(name = "left_at")
    public Instant leftAt;

    public static List<ConnectionInterval> ofSession(UUID sessionId) {
        return list("sessionId", sessionId);
    }
}
