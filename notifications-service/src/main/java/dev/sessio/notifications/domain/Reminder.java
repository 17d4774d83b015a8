package dev.sessio.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An email due later: the 48 h join link of a registration, or a mentoring reminder for one participant. */
@Entity
@Table(name = "reminder")
public class Reminder extends PanacheEntityBase {

    public static final String JOIN_LINK = "JOIN_LINK";
    public static final String MENTORING = "MENTORING";
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String DROPPED = "DROPPED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String kind;
    @Column(name = "registration_id")
    public UUID registrationId;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "recipient_role")
    public String recipientRole;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "due_at")
    public Instant dueAt;
    public String status;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
