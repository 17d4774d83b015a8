package dev.sessio.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A user's email settings: their address (from their token), language and organisation. */
@Entity
@Table(name = "user_profile")
public class UserProfile extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "organisation_id")
    public UUID organisationId;
    public String email;
    public String locale;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
