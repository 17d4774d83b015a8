package dev.sessio.accounts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A school or another training customer: one account, its members, its billing data. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    public enum Status { PENDING_VERIFICATION, ACTIVE, SUSPENDED }

    @Id
    public UUID id;
    public String name;
    public String uai;
    public String siret;
    public String street;
    @Column(name = "postal_code")
    public String postalCode;
    public String city;
    public String country;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "billing_street")
    public String billingStreet;
    @Column(name = "billing_postal_code")
    public String billingPostalCode;
    @Column(name = "billing_city")
    public String billingCity;
    @Column(name = "billing_country")
    public String billingCountry;
    @Column(name = "vat_number")
    public String vatNumber;
    @Column(name = "chorus_siret")
    public String chorusSiret;
    @Column(name = "chorus_service_code")
    public String chorusServiceCode;
    @Column(name = "chorus_commitment_number")
    public String chorusCommitmentNumber;
    @Column(name = "suspension_reason")
    public String suspensionReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "verified_at")
    public Instant verifiedAt;
    @Column(name = "suspended_at")
    public Instant suspendedAt;
    @Version
    public long version;

    public static Optional<Organisation> byId(UUID id) {
        return findByIdOptional(id);
    }

    public static boolean uaiTaken(String uai) {
        return uai != null && count("uai", uai) > 0;
    }

    public static boolean siretTaken(String siret) {
        return siret != null && count("siret", siret) > 0;
    }
}
