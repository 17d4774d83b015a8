package dev.sessio.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Where to write to an organisation (its admin's address), projected from accounts events. */
@Entity
@Table(name = "organisation_contact")
public class OrganisationContact extends PanacheEntityBase {

    @Id
    @Column(name = "organisation_id")
    public UUID organisationId;
    public String name;
    public String email;
    @Column(name = "admin_user_id")
    public String adminUserId;
    public String locale;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
