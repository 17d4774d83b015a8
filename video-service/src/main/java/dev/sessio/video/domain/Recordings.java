package dev.sessio.video.domain;

import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.video.RecordingAvailable;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.video.config.VideoConfig;
import dev.sessio.video.infra.VideoProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Defences are recorded: started on first publish or the mentor's request, stopped at the end, deleted after retention. */
@ApplicationScoped
public class Recordings {

    private static final Logger LOG = Logger.getLogger(Recordings.class);

    private final VideoProvider provider;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;
    private final VideoConfig config;

    public Recordings(VideoProvider provider, Outbox outbox, EntityManager em, Clock clock, VideoConfig config) {
        this.provider = provider;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    /** Starts recording a defence unless a recording already runs; answers the running or new recording. */
    @Transactional
    public Optional<Recording> start(UUID sessionId, String requestedBy) {
        Room room = em.find(Room.class, sessionId, LockModeType.PESSIMISTIC_WRITE); // one start at a time per room
        if (room == null || room.kind != SessionKind.DEFENCE || room.status != Room.Status.READY
                || !provider.tracksUsage()) {
            return Optional.empty();
        }
        Optional<Recording> running = Recording.find("sessionId = ?1 and status = ?2", sessionId,
                Recording.Status.STARTED).firstResultOptional();
        if (running.isPresent()) {
            return running;
        }
        String archiveId = provider.startArchive(room.providerRoomId, "defence-" + sessionId);
        Recording recording = new Recording();
        recording.id = UUID.randomUUID();
        recording.sessionId = sessionId;
        recording.archiveId = archiveId;
        recording.status = Recording.Status.STARTED;
        recording.requestedBy = requestedBy;
        recording.startedAt = Instant.now(clock);
        recording.persist();
        LOG.infof("recording %s of session %s started (archive %s) by %s", recording.id, sessionId, archiveId, requestedBy);
        return Optional.of(recording);
    }

    /**
     * Stops what still records in this room; the provider then processes it and calls back when available. The
     * rows are not held while Vonage answers, and STOPPED is written only over STARTED: an "available" callback
     * that arrives meanwhile (Vonage stops an archive by itself once everybody left) is never overwritten.
     */
    @Transactional
    public void stopRunning(Room room) {
        List<Recording> running = Recording.list("sessionId = ?1 and status = ?2", room.sessionId, Recording.Status.STARTED);
        for (Recording recording : running) {
            try {
                provider.stopArchive(recording.archiveId);
            } catch (VideoProvider.ProviderException e) {
                // Vonage also stops an archive by itself once nobody is connected; the callback still tells us.
                LOG.warnf("could not stop archive %s of session %s: %s", recording.archiveId, room.sessionId, e.getMessage());
                continue;
            }
            em.detach(recording); // its snapshot is stale now: never flush it back
            em.createQuery("update Recording r set r.status = :stopped where r.id = :id and r.status = :started")
                    .setParameter("stopped", Recording.Status.STOPPED).setParameter("id", recording.id)
                    .setParameter("started", Recording.Status.STARTED).executeUpdate();
        }
    }

    /** Applies an archive callback from the provider. */
    @Transactional
    public void archiveStatus(String archiveId, String providerRoomId, String status, Long durationSeconds, String url) {
        Room room = Room.byProviderRoom(providerRoomId).orElse(null);
        Recording recording = Recording.byArchiveLocked(archiveId).orElse(null);
        if (recording == null) {
            if (room == null) {
                LOG.debugf("archive %s of an unknown room ignored", archiveId);
                return;
            }
            recording = new Recording();
            recording.id = UUID.randomUUID();
            recording.sessionId = room.sessionId;
            recording.archiveId = archiveId;
            recording.status = Recording.Status.STARTED;
            recording.startedAt = Instant.now(clock);
            recording.persist();
        }
        switch (status == null ? "" : status) {
            case "started" -> {
                // already known
            }
            case "stopped", "paused" -> recording.advanceTo(Recording.Status.STOPPED);
            case "available", "uploaded" -> available(recording, durationSeconds, url);
            case "failed" -> recording.advanceTo(Recording.Status.FAILED);
            case "expired", "deleted" -> {
                if (recording.advanceTo(Recording.Status.DELETED)) {
                    recording.deletedAt = Instant.now(clock);
                    recording.location = null;
                    LOG.infof("recording %s of session %s is gone at the provider (%s)", recording.id,
                            recording.sessionId, status);
                }
            }
            default -> LOG.debugf("archive %s: status %s ignored", archiveId, status);
        }
    }

    private void available(Recording recording, Long durationSeconds, String url) {
        if (recording.availableAt != null || !recording.advanceTo(Recording.Status.AVAILABLE)) {
            return; // announced once, and never after it failed or was deleted
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS); // as stored: the event and the API agree
        recording.location = url != null ? url : "archive:" + recording.archiveId;
        recording.durationSeconds = durationSeconds == null ? 0L : durationSeconds;
        recording.availableAt = now;
        recording.availableUntil = now.plus(config.recordings().retention());
        outbox.record(new RecordingAvailable(recording.id, recording.sessionId, recording.durationSeconds,
                recording.availableUntil), recording.sessionId, "session/" + recording.sessionId);
    }

    /**
     * A short-lived download link for the session's mentor, ops and the jury; anybody else gets the same 404 as for
     * an unknown recording.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VideoProvider.DownloadLink downloadLink(UUID recordingId, String userId, boolean opsOrJury) {
        Recording recording = Recording.<Recording>findByIdOptional(recordingId)
                .filter(r -> opsOrJury || Room.bySession(r.sessionId).map(room -> room.isMentor(userId)).orElse(false))
                .orElseThrow(() -> ProblemException.notFound("Recording " + recordingId));
        if (recording.status != Recording.Status.AVAILABLE) {
            throw ProblemException.conflict("recording-not-available", "Recording not available",
                    "This recording is " + recording.status.name().toLowerCase() + ", it cannot be downloaded")
                    .with("recordingStatus", recording.status.name());
        }
        return provider.downloadLink(recording.archiveId);
    }

    /** A defence and what was recorded of it, for the jury and ops. */
    public record Defence(Room room, List<Recording> recordings) {
    }

    /**
     * Defences (newest first), optionally one session or those starting in [from, to), each with its recordings
     * (oldest first), whatever their status: the jury sees a defence that was not recorded too.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Defence> defences(UUID sessionId, Instant from, Instant to, int page, int size) {
        DefenceFilter query = defencesQuery(sessionId, from, to);
        List<Room> rooms = Room.<Room>find(query.where, io.quarkus.panache.common.Sort.descending("startsAt")
                        .and("sessionId"), query.parameters)
                .page(io.quarkus.panache.common.Page.of(page, size)).list();
        if (rooms.isEmpty()) {
            return List.of();
        }
        java.util.Map<UUID, List<Recording>> bySession = Recording.<Recording>list(
                        "sessionId in ?1 order by startedAt, id", rooms.stream().map(r -> r.sessionId).toList())
                .stream().collect(java.util.stream.Collectors.groupingBy(r -> r.sessionId));
        return rooms.stream().map(r -> new Defence(r, bySession.getOrDefault(r.sessionId, List.of()))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long countDefences(UUID sessionId, Instant from, Instant to) {
        DefenceFilter query = defencesQuery(sessionId, from, to);
        return Room.count(query.where, query.parameters);
    }

    private record DefenceFilter(String where, java.util.Map<String, Object> parameters) {
    }

    private static DefenceFilter defencesQuery(UUID sessionId, Instant from, Instant to) {
        StringBuilder where = new StringBuilder("kind = :kind");
        java.util.Map<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("kind", SessionKind.DEFENCE);
        if (sessionId != null) {
            where.append(" and sessionId = :sessionId");
            parameters.put("sessionId", sessionId);
        }
        if (from != null) {
            where.append(" and startsAt >= :from");
            parameters.put("from", from);
        }
        if (to != null) {
            where.append(" and startsAt < :to");
            parameters.put("to", to);
        }
        return new DefenceFilter(where.toString(), parameters);
    }

    /** Deletes recordings whose retention has ended, at the provider then here; each deletion is logged. */
    @Transactional
    public int deleteExpired() {
        @SuppressWarnings("unchecked")
        List<Recording> expired = em.createNativeQuery("""
                        SELECT * FROM recording WHERE deleted_at IS NULL AND available_until < ?1
                        ORDER BY available_until LIMIT 50 FOR UPDATE SKIP LOCKED""", Recording.class)
                .setParameter(1, Instant.now(clock)).getResultList();
        int deleted = 0;
        for (Recording recording : expired) {
            try {
                provider.deleteArchive(recording.archiveId);
            } catch (VideoProvider.ProviderException e) {
                LOG.warnf("recording %s: retention ended but the provider could not delete archive %s: %s",
                        recording.id, recording.archiveId, e.getMessage());
                continue;
            }
            recording.advanceTo(Recording.Status.DELETED);
            recording.deletedAt = Instant.now(clock);
            recording.location = null;
            deleted++;
            LOG.infof("recording %s of session %s deleted: retention ended %s (archive %s)", recording.id,
                    recording.sessionId, recording.availableUntil, recording.archiveId);
        }
        return deleted;
    }
}
