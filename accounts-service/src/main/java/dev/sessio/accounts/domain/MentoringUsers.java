package dev.sessio.accounts.domain;

import dev.sessio.accounts.config.AccountsConfig;
import dev.sessio.accounts.infra.Compensations;
import dev.sessio.accounts.infra.IdentityConflictException;
import dev.sessio.accounts.infra.IdentityProvider;
import dev.sessio.events.accounts.MentoringUserCreated;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Mentors and students, who belong to no school organisation. Ops create them; they choose their password through
 * a reset link. A student may carry accommodations (RQTH…) that mentors see.
 */
@ApplicationScoped
public class MentoringUsers {

    /** What a mentor needs to know to run a session with this student. */
    public record Accommodations(boolean rqth, boolean recordingAllowed, Integer extraTimePercent, String notes) {
        public static final Accommodations NONE = new Accommodations(false, false, null, null);
    }

    private final IdentityProvider identity;
    private final Compensations compensations;
    private final PasswordReset passwordReset;
    private final AccountsConfig config;
    private final Outbox outbox;
    private final Clock clock;

    public MentoringUsers(IdentityProvider identity, Compensations compensations, PasswordReset passwordReset,
                          AccountsConfig config, Outbox outbox, Clock clock) {
        this.identity = identity;
        this.compensations = compensations;
        this.passwordReset = passwordReset;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Member create(String email, String firstName, String lastName, Role role, Accommodations accommodations,
                         String locale) {
        if (role != Role.MENTOR && role != Role.STUDENT) {
            throw AccountProblems.invalidField("role", "must be mentor or student");
        }
        if (role == Role.MENTOR && accommodations != null) {
            throw AccountProblems.invalidField("accommodations", "only students carry accommodations");
        }
        Instant now = clock.instant();
        String normalised = Member.normaliseEmail(email);
        if (Member.liveByEmail(normalised).isPresent()) {
            throw AccountProblems.accountExists("this email address");
        }
        String userId;
        try {
            userId = identity.createUser(new IdentityProvider.NewUser(normalised, firstName, lastName, null, null,
                    role.realmRole(), true, true));
        } catch (IdentityConflictException e) {
            throw AccountProblems.accountExists("this email address");
        }
        compensations.onRollback("delete Keycloak user " + userId, () -> identity.deleteUser(userId));
        Member member = new Member();
        member.id = UUID.randomUUID();
        member.userId = userId;
        member.email = normalised;
        member.firstName = firstName;
        member.lastName = lastName;
        member.locale = locale == null || locale.isBlank() ? config.defaultLocale() : locale;
        member.role = role;
        member.status = Member.Status.ACTIVE;
        member.createdAt = now;
        member.updatedAt = now;
        apply(member, accommodations == null ? Accommodations.NONE : accommodations);
        member.persist();
        Member.flush();
        // sessions-service addresses mentoring invites with it.
        outbox.record(new MentoringUserCreated(userId, role == Role.MENTOR ? MentoringUserCreated.Role.MENTOR
                : MentoringUserCreated.Role.STUDENT, normalised, firstName, member.locale), userId, "user/" + userId);
        passwordReset.issue(member, now);
        return member;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Accommodations accommodations(String userId) {
        Member student = student(userId);
        return new Accommodations(student.rqth, student.recordingAllowed, student.extraTimePercent,
                student.accommodationNotes);
    }

    @Transactional
    public Accommodations updateAccommodations(String userId, Accommodations accommodations) {
        Member student = student(userId);
        apply(student, accommodations);
        student.updatedAt = clock.instant();
        return accommodations;
    }

    private static void apply(Member member, Accommodations a) {
        member.rqth = a.rqth();
        member.recordingAllowed = a.recordingAllowed();
        member.extraTimePercent = a.extraTimePercent();
        member.accommodationNotes = a.notes();
    }

    private static Member student(String userId) {
        return Member.byUserId(userId).filter(m -> m.role == Role.STUDENT && m.status == Member.Status.ACTIVE)
                .orElseThrow(() -> ProblemException.notFound("Student " + userId));
    }
}
