package dev.sessio.sessions.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A webinar of the catalogue: schools register to it with one token. */
@Entity
@Table(name = "catalogue_session")
public class CatalogueSession extends PanacheEntityBase {

    public enum Status { SCHEDULED, CANCELLED }

    @Id
    public UUID id;
    public String title;
    public String theme;
    public String description;
    public Instant startsAt;
    public int durationMinutes;
    public Instant endsAt;
    public String trainerId;
    /** Organisations; null is unlimited. */
    public Integer capacity;
    public Instant registrationClosesAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int scheduleSequence;
    public String cancellationReason;
    public String cancelledBy;
    public Instant cancelledAt;
    public boolean roomReady;
    public String createdBy;
    public Instant createdAt;
    @Version
    public long version;

    public boolean isCancelled() {
        return status == Status.CANCELLED;
    }

    public boolean hasStarted(Instant now) {
        return !now.isBefore(startsAt);
    }

    /** Places left for organisations, null when unlimited. */
    public Integer placesLeft(long liveRegistrations) {
        return capacity == null ? null : (int) Math.max(0, capacity - liveRegistrations);
    }

    public boolean registrationOpen(Instant now, long liveRegistrations) {
        Integer left = placesLeft(liveRegistrations);
        return !isCancelled() && now.isBefore(registrationClosesAt) && now.isBefore(startsAt)
                && (left == null || left > 0);
    }
}
