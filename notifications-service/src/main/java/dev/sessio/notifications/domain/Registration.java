package dev.sessio.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A confirmed registration: one calendar invite (UID per registration, SEQUENCE growing with each change). */
@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {

    @Id
    @Column(name = "registration_id")
    public UUID registrationId;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "session_title")
    public String sessionTitle;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "duration_minutes")
    public int durationMinutes;
    public int sequence;
    public String status;

    public boolean confirmed() {
        return "CONFIRMED".equals(status);
    }
}
