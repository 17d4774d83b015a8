package dev.sessio.video.domain;

import dev.sessio.events.sessions.SessionKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The video room of one session. PENDING until the provider has created it, CLOSED once the session is cancelled. */
@Entity
@Table(name = "room")
public class Room extends PanacheEntityBase {

    public enum Status { PENDING, READY, CLOSED }

    @Id
    @Column(name = "session_id")
    public UUID sessionId;
    @Enumerated(EnumType.STRING)
    public SessionKind kind;
    public String title;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "duration_minutes")
    public int durationMinutes;
    @Column(name = "trainer_id")
    public String trainerId;
    @Column(name = "mentor_id")
    public String mentorId;
    @Column(name = "student_id")
    public String studentId;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String provider;
    @Column(name = "provider_room_id")
    public String providerRoomId;
    @Column(name = "meeting_url")
    public String meetingUrl;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "ready_at")
    public Instant readyAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "usage_recorded_at")
    public Instant usageRecordedAt;
    @Version
    public long version;

    public static Optional<Room> bySession(UUID sessionId) {
        return findByIdOptional(sessionId);
    }

    public static Optional<Room> byProviderRoom(String providerRoomId) {
        return find("providerRoomId", providerRoomId).firstResultOptional();
    }

    public Instant endsAt() {
        return startsAt.plus(Duration.ofMinutes(durationMinutes));
    }

    public SessionWindow window(Duration opensBefore, Duration closesAfter) {
        return new SessionWindow(startsAt, endsAt(), opensBefore, closesAfter);
    }

    public boolean isMentored() {
        return kind == SessionKind.MENTORING || kind == SessionKind.DEFENCE;
    }

    /** The role a user has in this room, if any: the mentor moderates, the student and the trainer publish. */
    public Optional<Participant> participant(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        if (userId.equals(mentorId)) {
            return Optional.of(Participant.MENTOR);
        }
        if (userId.equals(studentId)) {
            return Optional.of(Participant.STUDENT);
        }
        if (userId.equals(trainerId)) {
            return Optional.of(Participant.TRAINER);
        }
        return Optional.empty();
    }

    public boolean isMentor(String userId) {
        return Objects.equals(mentorId, userId) && userId != null;
    }

    public enum Participant { MENTOR, STUDENT, TRAINER }
}
