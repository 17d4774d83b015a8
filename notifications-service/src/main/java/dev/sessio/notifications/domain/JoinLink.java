package dev.sessio.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The join link video-service issued for a registration (JoinLinkIssued). */
@Entity
@Table(name = "join_link")
public class JoinLink extends PanacheEntityBase {

    @Id
    @Column(name = "registration_id")
    public UUID registrationId;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "join_url")
    public String joinUrl;
    @Column(name = "issued_at")
    public Instant issuedAt;
}
