package dev.sessio.video.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The recording (a provider archive) of a defence, kept for the jury until its retention ends. */
@Entity
@Table(name = "recording")
public class Recording extends PanacheEntityBase {

    /** Statuses move forward only: callbacks and the room's closing arrive in any order (rank says how far). */
    public enum Status {
        STARTED(0), STOPPED(1), AVAILABLE(2), FAILED(2), DELETED(3);

        private final int rank;

        Status(int rank) {
            this.rank = rank;
        }

        public boolean isBefore(Status next) {
            return rank < next.rank;
        }
    }

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "archive_id")
    public String archiveId;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "started_at")
    public Instant startedAt;
    /** Where the provider keeps it (the URL or storage path from the archive callback). */
    public String location;
    @Column(name = "duration_seconds")
    public Long durationSeconds;
    @Column(name = "available_at")
    public Instant availableAt;
    @Column(name = "available_until")
    public Instant availableUntil;
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public static Optional<Recording> byArchive(String archiveId) {
        return find("archiveId", archiveId).firstResultOptional();
    }

    /** Locked until commit, so that two callbacks about one archive apply one after the other. */
    public static Optional<Recording> byArchiveLocked(String archiveId) {
        return find("archiveId", archiveId).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** Moves forward to {@code next}; false (and nothing changes) when the recording is already there or beyond. */
    public boolean advanceTo(Status next) {
        if (!status.isBefore(next)) {
            return false;
        }
        status = next;
        return true;
    }

    /** A recording still running or being processed, which a new start request must not duplicate. */
    public static boolean inProgress(UUID sessionId) {
        return count("sessionId = ?1 and status = ?2", sessionId, Status.STARTED) > 0;
    }
}
