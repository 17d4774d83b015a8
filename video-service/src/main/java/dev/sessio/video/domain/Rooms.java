package dev.sessio.video.domain;

import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.events.sessions.SessionRescheduled;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.video.infra.VideoProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A session's room follows the session: asked for when it is scheduled, kept on reschedule, closed on cancel. */
@ApplicationScoped
public class Rooms {

    private static final Logger LOG = Logger.getLogger(Rooms.class);

    private final VideoProvider provider;
    private final Clock clock;
    private final Event<RoomRequested> requested;
    private final Recordings recordings;

    public Rooms(VideoProvider provider, Clock clock, Event<RoomRequested> requested, Recordings recordings) {
        this.provider = provider;
        this.clock = clock;
        this.requested = requested;
        this.recordings = recordings;
    }

    /** Records the room as PENDING; {@link RoomProvisioner} creates it at the provider once this commits. */
    @Transactional
    public void scheduled(SessionScheduled session) {
        if (Room.bySession(session.sessionId()).isPresent()) {
            LOG.debugf("room of session %s already known: SessionScheduled ignored", session.sessionId());
            return;
        }
        Room room = new Room();
        room.sessionId = session.sessionId();
        room.kind = session.kind();
        room.title = session.title();
        room.startsAt = session.startsAt();
        room.durationMinutes = session.durationMinutes();
        room.trainerId = session.trainerId();
        room.mentorId = session.mentorId();
        room.studentId = session.studentId();
        room.status = Room.Status.PENDING;
        room.provider = provider.name();
        room.createdAt = Instant.now(clock);
        room.persist();
        requested.fire(new RoomRequested(room.sessionId));
    }

    /** The room stays the same; only the times it opens and closes move. */
    @Transactional
    public void rescheduled(SessionRescheduled session) {
        Room.bySession(session.sessionId()).ifPresentOrElse(room -> {
            room.title = session.title();
            room.startsAt = session.startsAt();
            room.durationMinutes = session.durationMinutes();
        }, () -> LOG.warnf("SessionRescheduled for unknown session %s ignored", session.sessionId()));
    }

    /** Nobody can get a token any more; whoever is connected is disconnected and a running recording stops. */
    @Transactional
    public void cancelled(SessionCancelled session) {
        Room room = Room.bySession(session.sessionId()).orElse(null);
        if (room == null || room.status == Room.Status.CLOSED) {
            return;
        }
        boolean wasReady = room.status == Room.Status.READY;
        room.status = Room.Status.CLOSED;
        room.closedAt = Instant.now(clock);
        if (wasReady) {
            List<String> connected = ConnectionInterval.<ConnectionInterval>list(
                            "sessionId = ?1 and leftAt is null", room.sessionId).stream()
                    .map(c -> c.connectionId).toList();
            if (!connected.isEmpty()) {
                provider.disconnect(room.providerRoomId, connected);
            }
            recordings.stopRunning(room);
        }
    }

    /** Fired inside the transaction that stored a PENDING room. */
    public record RoomRequested(java.util.UUID sessionId) {
    }
}
