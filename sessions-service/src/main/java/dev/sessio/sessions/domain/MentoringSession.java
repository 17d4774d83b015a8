package dev.sessio.sessions.domain;

import dev.sessio.events.sessions.MentoringSessionReported;
import dev.sessio.events.sessions.SessionKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A one-to-one mentoring session or defence planned by a mentor, with its video facts and report. */
@Entity
@Table(name = "mentoring_session")
public class MentoringSession extends PanacheEntityBase {

    public enum CancelledBy { MENTOR, STUDENT }

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public SessionKind kind;
    public String title;
    public String mentorId;
    public String studentId;
    public Instant startsAt;
    public int durationMinutes;
    public Instant endsAt;
    public Instant createdAt;
    public boolean roomReady;
    public boolean exception;
    public int bugReports;
    public boolean usageRecorded;
    public Boolean videoUsed;
    public Instant videoFirstJoinAt;
    public Instant videoLastLeaveAt;
    public Integer videoMinutes;
    @Enumerated(EnumType.STRING)
    public MentoringSessionReported.Status reportStatus;
    public String reportNotes;
    @Enumerated(EnumType.STRING)
    public MentoringSessionReported.VideoNotUsedReason videoNotUsedReason;
    public String videoNotUsedDetails;
    @Enumerated(EnumType.STRING)
    public CancelledBy cancelledBy;
    public Boolean cancelledLate;
    public Instant reportedAt;
    @Version
    public long version;

    public boolean isReported() {
        return reportStatus != null;
    }

    /**
     * Whether video-service has recorded no use of the video tool: no usage known, or usage saying "not used".
     * A provider that cannot tell ({@code used = null}, external links) does not count as "not used".
     */
    public boolean noVideoUseRecorded() {
        return !usageRecorded || Boolean.FALSE.equals(videoUsed);
    }
}
