package dev.sessio.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One email to send (or sent): rendered when queued, so the worker only hands it to SMTP. */
@Entity
@Table(name = "email")
public class Email extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public EmailKind kind;
    @Column(name = "dedup_key")
    public String dedupKey;
    public String recipient;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "user_id")
    public String userId;
    public String locale;
    public String subject;
    public String html;
    public String text;
    public String calendar;
    @Column(name = "calendar_method")
    public String calendarMethod;
    @Enumerated(EnumType.STRING)
    public EmailStatus status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;

    /** The Message-ID header: the same on every attempt, so a resend after a crash is recognisably the same mail. */
    public String messageId() {
        return "<" + id + "@notifications.sessio.dev>";
    }
}
