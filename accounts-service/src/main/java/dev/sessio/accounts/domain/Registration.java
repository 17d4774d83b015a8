package dev.sessio.accounts.domain;

import dev.sessio.accounts.config.AccountsConfig;
import dev.sessio.accounts.infra.Compensations;
import dev.sessio.accounts.infra.IdentityConflictException;
import dev.sessio.accounts.infra.IdentityProvider;
import dev.sessio.accounts.infra.WeakPasswordException;
import dev.sessio.events.accounts.OrganisationRegistered;
import dev.sessio.events.accounts.OrganisationVerified;
import dev.sessio.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Sign-up, email confirmation and new confirmation links. */
@ApplicationScoped
public class Registration {

    private final IdentityProvider identity;
    private final Compensations compensations;
    private final Outbox outbox;
    private final AccountsConfig config;
    private final Clock clock;
    private final PasswordReset passwordReset;
    private final RateLimiter rateLimiter;

    public Registration(IdentityProvider identity, Compensations compensations, Outbox outbox, AccountsConfig config,
                        Clock clock, PasswordReset passwordReset, RateLimiter rateLimiter) {
        this.identity = identity;
        this.compensations = compensations;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.passwordReset = passwordReset;
        this.rateLimiter = rateLimiter;
    }

    /**
     * Creates the organisation, its first admin (in Keycloak: disabled until the email is confirmed) and a 48 h
     * confirmation token, and records {@code OrganisationRegistered}. On any error nothing remains: the Keycloak
     * user is deleted if the transaction does not commit.
     */
    @Transactional
    public Organisation signUp(SignUp request) {
        Instant now = clock.instant();
        String email = Member.normaliseEmail(request.email());
        String uai = SchoolIdentifiers.normalise(request.uai());
        String siret = SchoolIdentifiers.normalise(request.siret());
        if (Organisation.uaiTaken(uai)) {
            throw AccountProblems.accountExists("this UAI");
        }
        if (Organisation.siretTaken(siret)) {
            throw AccountProblems.accountExists("this SIRET");
        }
        Optional<Member> holder = Member.liveByEmail(email);
        if (holder.isPresent()) {
            return emailTaken(holder.get());
        }

        Organisation organisation = new Organisation();
        organisation.id = UUID.randomUUID();
        organisation.name = request.name().trim();
        organisation.uai = uai;
        organisation.siret = siret;
        organisation.street = request.address().street();
        organisation.postalCode = request.address().postalCode();
        organisation.city = request.address().city();
        organisation.country = request.address().country() == null ? "FR" : request.address().country();
        organisation.status = Organisation.Status.PENDING_VERIFICATION;
        organisation.createdAt = now;

        String userId;
        try {
            userId = identity.createUser(new IdentityProvider.NewUser(email, request.firstName(), request.lastName(),
                    request.password(), organisation.id, Role.SCHOOL_ADMIN.realmRole(), false, false));
        } catch (IdentityConflictException e) {
            return unsavedLookalike();
        } catch (WeakPasswordException e) {
            throw AccountProblems.weakPassword("admin.password");
        }
        compensations.onRollback("delete Keycloak user " + userId, () -> identity.deleteUser(userId));

        Member admin = new Member();
        admin.id = UUID.randomUUID();
        admin.organisationId = organisation.id;
        admin.userId = userId;
        admin.email = email;
        admin.firstName = request.firstName();
        admin.lastName = request.lastName();
        admin.phone = request.phone();
        admin.locale = locale(request.locale());
        admin.role = Role.SCHOOL_ADMIN;
        admin.status = Member.Status.PENDING_VERIFICATION;
        admin.createdAt = now;
        admin.updatedAt = now;
        try {
            organisation.persist();
            admin.persist();
            Organisation.flush();
        } catch (PersistenceException e) {
            // Another sign-up with the same UAI, SIRET or email committed between our check and our insert.
            throw AccountProblems.accountExists("this school or email address");
        }
        sendConfirmation(organisation, admin, now, false);
        return organisation;
    }

    /**
     * A sign-up with an email that already has an account answers exactly like a new one (so sign-up cannot tell
     * who has an account) and creates nothing; the holder gets the email they need instead: a new confirmation
     * link if still unconfirmed, a password reset link if active.
     */
    private Organisation emailTaken(Member holder) {
        // Repeated sign-ups must not flood the holder's mailbox: the reset and resend limit per email applies.
        if (!rateLimiter.tryAcquire("signup-taken:email:" + holder.email, config.rateLimit().perEmail(),
                config.rateLimit().window())) {
            return unsavedLookalike();
        }
        if (holder.status == Member.Status.PENDING_VERIFICATION) {
            resendConfirmation(holder.email);
        } else {
            passwordReset.request(holder.email);
        }
        return unsavedLookalike();
    }

    /** What a successful sign-up answers, for an organisation that is never stored. */
    private static Organisation unsavedLookalike() {
        Organisation lookalike = new Organisation();
        lookalike.id = UUID.randomUUID();
        lookalike.status = Organisation.Status.PENDING_VERIFICATION;
        return lookalike;
    }

    /** Confirms the admin's email: organisation and admin become ACTIVE, the Keycloak user can log in. */
    @Transactional
    public Organisation verify(String secret) {
        Instant now = clock.instant();
        ActionToken token = ActionToken.redeem(ActionToken.Purpose.VERIFY_EMAIL, secret, now);
        Member admin = Member.<Member>findByIdOptional(token.memberId).orElseThrow();
        Organisation organisation = Organisation.byId(admin.organisationId).orElseThrow();
        if (admin.status != Member.Status.PENDING_VERIFICATION) {
            throw ProblemTypes.tokenUsed();
        }
        if (organisation.status == Organisation.Status.SUSPENDED) {
            throw AccountProblems.invalidStatus("The organisation is suspended; contact Sessio");
        }
        admin.status = Member.Status.ACTIVE;
        admin.updatedAt = now;
        if (organisation.status == Organisation.Status.PENDING_VERIFICATION) {
            organisation.status = Organisation.Status.ACTIVE;
            organisation.verifiedAt = now;
        }
        identity.activateUser(admin.userId);
        compensations.onRollback("disable Keycloak user " + admin.userId,
                () -> identity.setUserEnabled(admin.userId, false));
        outbox.record(new OrganisationVerified(organisation.id, organisation.name, admin.userId, admin.email,
                admin.locale), organisation.id, "organisation/" + organisation.id);
        return organisation;
    }

    /**
     * A new confirmation link for an admin whose email is not confirmed yet; older links stop working. Says
     * nothing about whether the email is known: the caller always answers 202.
     */
    @Transactional
    public void resendConfirmation(String email) {
        Instant now = clock.instant();
        Optional<Member> pending = Member.liveByEmail(email)
                .filter(m -> m.status == Member.Status.PENDING_VERIFICATION);
        if (pending.isEmpty()) {
            return;
        }
        Member admin = pending.get();
        Organisation organisation = Organisation.byId(admin.organisationId).orElseThrow();
        ActionToken.revokeOutstanding(ActionToken.Purpose.VERIFY_EMAIL, admin.id, now);
        sendConfirmation(organisation, admin, now, true);
    }

    private void sendConfirmation(Organisation organisation, Member admin, Instant now, boolean resend) {
        ActionToken.Issued token = ActionToken.issue(ActionToken.Purpose.VERIFY_EMAIL, admin.id, now,
                config.tokens().verification());
        outbox.record(new OrganisationRegistered(organisation.id, organisation.name, organisation.uai,
                organisation.siret, admin.userId, admin.email, admin.firstName, admin.lastName, admin.locale,
                token.secret(), token.token().expiresAt, resend), organisation.id, "organisation/" + organisation.id);
    }

    private String locale(String requested) {
        return requested == null || requested.isBlank() ? config.defaultLocale() : requested;
    }
}
