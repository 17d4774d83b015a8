package dev.sessio.video.domain;

import dev.sessio.events.video.BugReported;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A participant's report of a video problem, with what helps reproduce it; ops triage it. */
@Entity
@Table(name = "bug_report")
public class BugReport extends PanacheEntityBase {

    public enum Status { OPEN, ACKNOWLEDGED, RESOLVED, DISMISSED }

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "reporter_id")
    public String reporterId;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Enumerated(EnumType.STRING)
    public BugReported.Category category;
    @Enumerated(EnumType.STRING)
    public BugReported.Phase phase;
    public String details;
    public String provider;
    @Column(name = "provider_room_id")
    public String providerRoomId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "connection_ids")
    public List<String> connectionIds;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "connection_test")
    public Map<String, Object> connectionTest;
    public String browser;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "triage_note")
    public String triageNote;
    @Column(name = "triaged_by")
    public String triagedBy;
    @Column(name = "triaged_at")
    public Instant triagedAt;
    @Column(name = "created_at")
    public Instant createdAt;
}
