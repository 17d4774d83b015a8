package dev.sessio.sessions.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** An organisation's registration to a catalogue session, driven by the registration saga. */
@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {

    public enum Status { PENDING, CONFIRMED, REJECTED, CANCELLED }

    @Id
    public UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id")
    public CatalogueSession session;
    public UUID organisationId;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String requestedBy;
    public Instant requestedAt;
    public Instant decidedAt;
    public String rejectionReason;
    public String cancelledBy;
    public Instant cancelledAt;
    public Boolean refundable;
    /** Cancelled while PENDING: when the debit lands after all, the token goes back. */
    public boolean awaitingDebit;
    public String joinUrl;
    @Version
    public long version;

    public boolean isLive() {
        return status == Status.PENDING || status == Status.CONFIRMED;
    }
}
