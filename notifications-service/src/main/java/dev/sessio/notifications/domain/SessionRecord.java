package dev.sessio.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A session as notifications needs it, projected from sessions events. */
@Entity
@Table(name = "session")
public class SessionRecord extends PanacheEntityBase {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;
    public String kind;
    public String title;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "duration_minutes")
    public int durationMinutes;
    public int sequence;
    @Column(name = "mentor_id")
    public String mentorId;
    @Column(name = "mentor_email")
    public String mentorEmail;
    @Column(name = "student_id")
    public String studentId;
    @Column(name = "student_email")
    public String studentEmail;
    public boolean cancelled;
    @Column(name = "cancel_reason")
    public String cancelReason;

    public boolean isMentoring() {
        return "MENTORING".equals(kind) || "DEFENCE".equals(kind);
    }
}
