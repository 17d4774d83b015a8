package dev.sessio.sessions.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A mentor's or student's contact as accounts-service announced it; only used to address invites. */
@Entity
@Table(name = "mentoring_participant")
public class MentoringParticipant extends PanacheEntityBase {

    @Id
    public String userId;
    public String role;
    public String email;
    public String firstName;
    public String locale;
    public Instant updatedAt;

    public static Optional<String> emailOf(String userId) {
        return MentoringParticipant.<MentoringParticipant>findByIdOptional(userId).map(p -> p.email);
    }
}
