package dev.sessio.accounts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A person known to Sessio: a school's admin or staff member, or a mentor or student (no organisation).
 * The identity and the password live in Keycloak ({@link #userId}); this row holds what Sessio needs.
 */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    public enum Status {
        /** Signed up, email not confirmed yet: cannot log in. */
        PENDING_VERIFICATION,
        /** Invited by an admin, has not accepted yet: no Keycloak user. */
        INVITED,
        ACTIVE,
        REMOVED,
        ERASED;

        public static final Set<Status> LIVE = EnumSet.of(PENDING_VERIFICATION, INVITED, ACTIVE);
    }

    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "user_id")
    public String userId;
    public String email;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String phone;
    public String locale;
    @Enumerated(EnumType.STRING)
    public Role role;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "invited_by")
    public String invitedBy;
    public boolean rqth;
    @Column(name = "recording_allowed")
    public boolean recordingAllowed;
    @Column(name = "extra_time_percent")
    public Integer extraTimePercent;
    @Column(name = "accommodation_notes")
    public String accommodationNotes;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** The live (pending, invited or active) account holding this email, if any. */
    public static Optional<Member> liveByEmail(String email) {
        return find("email = ?1 and status in ?2", normaliseEmail(email), Status.LIVE).firstResultOptional();
    }

    public static Optional<Member> byUserId(String userId) {
        return find("userId", userId).firstResultOptional();
    }

    public static long activeAdmins(UUID organisationId) {
        return count("organisationId = ?1 and role = ?2 and status = ?3", organisationId, Role.SCHOOL_ADMIN,
                Status.ACTIVE);
    }

    public boolean isLive() {
        return Status.LIVE.contains(status);
    }
}
