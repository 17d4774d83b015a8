package dev.sessio.video.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Non-blocking feedback on the video experience; unlike a bug report it tags nothing. */
@Entity
@Table(name = "feedback")
public class Feedback extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "organisation_id")
    public UUID organisationId;
    public Integer rating;
    public String message;
    @Column(name = "created_at")
    public Instant createdAt;
}
