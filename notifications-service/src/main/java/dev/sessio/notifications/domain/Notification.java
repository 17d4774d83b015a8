package dev.sessio.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An entry of the in-account feed: a user's own, or (only organisation set) every member's of an organisation. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "user_id")
    public String userId;
    public String kind;
    public String title;
    public String link;
    @Column(name = "created_at")
    public Instant createdAt;
}
