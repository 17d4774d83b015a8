package dev.sessio.accounts.domain;

import dev.sessio.accounts.config.AccountsConfig;
import dev.sessio.accounts.infra.Compensations;
import dev.sessio.accounts.infra.IdentityConflictException;
import dev.sessio.accounts.infra.IdentityProvider;
import dev.sessio.accounts.infra.WeakPasswordException;
import dev.sessio.events.accounts.MemberInvited;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Members instead of shared passwords: invitations, the member list, removal. */
@ApplicationScoped
public class Membership {

    /** What the invited person gives when accepting. */
    public record Acceptance(String token, String password, String firstName, String lastName, String phone) {
    }

    public record Invitation(Member member, Instant expiresAt) {
    }

    private final IdentityProvider identity;
    private final Compensations compensations;
    private final Outbox outbox;
    private final AccountsConfig config;
    private final Clock clock;

    public Membership(IdentityProvider identity, Compensations compensations, Outbox outbox, AccountsConfig config,
                      Clock clock) {
        this.identity = identity;
        this.compensations = compensations;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Records the invitation (member INVITED, no Keycloak user yet) and {@code MemberInvited} with a 7-day token. */
    @Transactional
    public Invitation invite(UUID organisationId, String invitedBy, String email, Role role, String locale) {
        if (!role.isSchoolRole()) {
            throw AccountProblems.invalidField("role", "must be school-admin or school-staff");
        }
        Instant now = clock.instant();
        Organisation organisation = activeOrganisation(organisationId);
        String normalised = Member.normaliseEmail(email);
        if (Member.liveByEmail(normalised).isPresent()) {
            throw AccountProblems.accountExists("this email address");
        }
        Member member = new Member();
        member.id = UUID.randomUUID();
        member.organisationId = organisationId;
        member.email = normalised;
        member.locale = locale == null || locale.isBlank() ? config.defaultLocale() : locale;
        member.role = role;
        member.status = Member.Status.INVITED;
        member.invitedBy = invitedBy;
        member.createdAt = now;
        member.updatedAt = now;
        try {
            member.persist();
            Member.flush();
        } catch (PersistenceException e) {
            throw AccountProblems.accountExists("this email address");
        }
        ActionToken.Issued token = ActionToken.issue(ActionToken.Purpose.INVITATION, member.id, now,
                config.tokens().invitation());
        outbox.record(new MemberInvited(organisationId, organisation.name, member.email,
                role == Role.SCHOOL_ADMIN ? MemberInvited.Role.SCHOOL_ADMIN : MemberInvited.Role.SCHOOL_STAFF,
                invitedBy, token.secret(), token.token().expiresAt, member.locale), organisationId,
                "organisation/" + organisationId);
        return new Invitation(member, token.token().expiresAt);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Member> list(UUID organisationId, int page, int size) {
        var query = Member.<Member>find("organisationId = ?1 and status in ?2",
                Sort.by("createdAt").and("id"), organisationId, Member.Status.LIVE);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    /**
     * Removes a member of the caller's organisation (another organisation's member is "not found"); an invitation
     * not accepted yet is withdrawn. The last active administrator cannot be removed.
     */
    @Transactional
    public void remove(UUID organisationId, UUID memberId) {
        Instant now = clock.instant();
        Member member = Member.<Member>findByIdOptional(memberId)
                .filter(m -> organisationId.equals(m.organisationId) && m.isLive())
                .orElseThrow(() -> ProblemException.notFound("Member " + memberId));
        if (member.role == Role.SCHOOL_ADMIN && member.status == Member.Status.ACTIVE
                && Member.activeAdmins(organisationId) <= 1) {
            throw ProblemException.conflict("last-admin", "Last administrator",
                    "The organisation's last administrator cannot be removed; make someone else administrator first");
        }
        member.status = Member.Status.REMOVED;
        member.updatedAt = now;
        for (ActionToken.Purpose purpose : ActionToken.Purpose.values()) {
            ActionToken.revokeOutstanding(purpose, member.id, now);
        }
        Member.flush();
        if (member.userId != null) {
            // Last step: deleting cannot be undone, so everything that could fail has already run.
            identity.deleteUser(member.userId);
        }
    }

    /** Creates the invited person's Keycloak user in the inviting organisation (org_id, role) and activates them. */
    @Transactional
    public Member accept(Acceptance acceptance) {
        Instant now = clock.instant();
        ActionToken token = ActionToken.redeem(ActionToken.Purpose.INVITATION, acceptance.token(), now);
        Member member = Member.<Member>findByIdOptional(token.memberId)
                .filter(m -> m.status == Member.Status.INVITED)
                .orElseThrow(ProblemTypes::tokenUsed);
        activeOrganisation(member.organisationId);
        String userId;
        try {
            userId = identity.createUser(new IdentityProvider.NewUser(member.email, acceptance.firstName(),
                    acceptance.lastName(), acceptance.password(), member.organisationId, member.role.realmRole(),
                    true, true));
        } catch (IdentityConflictException e) {
            throw AccountProblems.accountExists("this email address");
        } catch (WeakPasswordException e) {
            throw AccountProblems.weakPassword("password");
        }
        compensations.onRollback("delete Keycloak user " + userId, () -> identity.deleteUser(userId));
        member.userId = userId;
        member.firstName = acceptance.firstName();
        member.lastName = acceptance.lastName();
        member.phone = acceptance.phone();
        member.status = Member.Status.ACTIVE;
        member.updatedAt = now;
        return member;
    }

    private static Organisation activeOrganisation(UUID organisationId) {
        Organisation organisation = Organisation.byId(organisationId)
                .orElseThrow(() -> ProblemException.notFound("Organisation " + organisationId));
        if (organisation.status != Organisation.Status.ACTIVE) {
            throw AccountProblems.invalidStatus("The organisation is " + organisation.status
                    + "; members can join only an active organisation");
        }
        return organisation;
    }
}
