package dev.sessio.video.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** A school's link to a webinar, one per confirmed registration; anyone at the school holding the code may join. */
@Entity
@Table(name = "join_link")
public class JoinLink extends PanacheEntityBase {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** 192 random bits, well above the 128 asked for; 32 URL-safe characters. */
    static final int CODE_BYTES = 24;

    @Id
    @Column(name = "registration_id")
    public UUID registrationId;
    public String code;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "session_title")
    public String sessionTitle;
    @Column(name = "session_starts_at")
    public Instant sessionStartsAt;
    @Column(name = "duration_minutes")
    public int durationMinutes;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    public static String newCode() {
        byte[] bytes = new byte[CODE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static Optional<JoinLink> byCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public static boolean activeFor(UUID sessionId, UUID organisationId) {
        return count("sessionId = ?1 and organisationId = ?2 and cancelledAt is null", sessionId, organisationId) > 0;
    }

    public boolean isCancelled() {
        return cancelledAt != null;
    }
}
