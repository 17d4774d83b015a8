package dev.sessio.video.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One join through a school's link: who (the name they typed), which organisation, when. */
@Entity
@Table(name = "attendance")
public class Attendance extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "registration_id")
    public UUID registrationId;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "joined_at")
    public Instant joinedAt;
}
