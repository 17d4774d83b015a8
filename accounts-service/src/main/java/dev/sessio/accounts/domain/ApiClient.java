package dev.sessio.accounts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A partner school's confidential Keycloak client (client-credentials grant, role partner, its org_id). */
@Entity
@Table(name = "api_client")
public class ApiClient extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public UUID organisationId;
    public String name;
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "keycloak_id")
    public String keycloakId;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "secret_rotated_at")
    public Instant secretRotatedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
