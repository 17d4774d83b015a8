package dev.sessio.video.domain;

import dev.sessio.events.video.VideoRoomReady;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.video.infra.VideoProvider;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Creates PENDING rooms at the provider, outside the Kafka consumer's transaction: right after the room is
 * stored, then again from the housekeeping job while the provider fails. The row is locked while the provider is
 * called, so two replicas never create the same room twice.
 */
@ApplicationScoped
public class RoomProvisioner {

    private static final Logger LOG = Logger.getLogger(RoomProvisioner.class);

    private final VideoProvider provider;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;

    public RoomProvisioner(VideoProvider provider, Outbox outbox, EntityManager em, Clock clock) {
        this.provider = provider;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Rooms.RoomRequested requested) {
        try {
            QuarkusTransaction.requiringNew().run(() -> provision(requested.sessionId()));
        } catch (RuntimeException e) {
            LOG.warnf("room of session %s not created yet, will retry: %s", requested.sessionId(), e.getMessage());
        }
    }

    /** Sessions whose room is still to be created. */
    @Transactional
    public List<UUID> pending() {
        return em.createQuery("select r.sessionId from Room r where r.status = :s order by r.createdAt", UUID.class)
                .setParameter("s", Room.Status.PENDING).setMaxResults(100).getResultList();
    }

    /** @return true when this call created the room */
    @Transactional
    public boolean provision(UUID sessionId) {
        @SuppressWarnings("unchecked")
        List<Room> locked = em.createNativeQuery(
                        "SELECT * FROM room WHERE session_id = ?1 AND status = 'PENDING' FOR UPDATE SKIP LOCKED", Room.class)
                .setParameter(1, sessionId).getResultList();
        if (locked.isEmpty()) {
            return false;
        }
        Room room = locked.get(0);
        VideoProvider.ProviderRoom created;
        try {
            created = provider.createRoom(sessionId);
        } catch (VideoProvider.ProviderException e) {
            room.attempts++;
            room.lastError = e.getMessage();
            LOG.warnf("provider could not create the room of session %s (attempt %d): %s", sessionId, room.attempts,
                    e.getMessage());
            return false;
        }
        room.providerRoomId = created.roomId();
        room.meetingUrl = created.meetingUrl();
        room.status = Room.Status.READY;
        room.readyAt = Instant.now(clock);
        room.lastError = null;
        outbox.record(new VideoRoomReady(sessionId, provider.name(), created.roomId()), sessionId, "session/" + sessionId);
        return true;
    }

    /** Retries every pending room; one failing room does not stop the others. */
    public int retryPending() {
        int created = 0;
        for (UUID sessionId : pending()) {
            try {
                if (provision(sessionId)) {
                    created++;
                }
            } catch (RuntimeException e) {
                LOG.warnf("room of session %s: %s", sessionId, e.getMessage());
            }
        }
        return created;
    }
}
