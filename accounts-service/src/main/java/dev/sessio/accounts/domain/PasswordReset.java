package dev.sessio.accounts.domain;

import dev.sessio.accounts.config.AccountsConfig;
import dev.sessio.accounts.infra.IdentityProvider;
import dev.sessio.accounts.infra.WeakPasswordException;
import dev.sessio.events.accounts.PasswordResetRequested;
import dev.sessio.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/** Forgotten passwords: a single-use 1 h link by email, then the new password set in Keycloak. */
@ApplicationScoped
public class PasswordReset {

    private final IdentityProvider identity;
    private final Outbox outbox;
    private final AccountsConfig config;
    private final Clock clock;

    public PasswordReset(IdentityProvider identity, Outbox outbox, AccountsConfig config, Clock clock) {
        this.identity = identity;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Records {@code PasswordResetRequested} when an active account holds this email; does nothing otherwise,
     * and the caller answers the same either way. Older reset links stop working.
     */
    @Transactional
    public void request(String email) {
        Instant now = clock.instant();
        Member.liveByEmail(email).filter(m -> m.status == Member.Status.ACTIVE && m.userId != null)
                .ifPresent(member -> issue(member, now));
    }

    /** Issues a reset link for a member (also used when ops create a user who must choose a password). */
    void issue(Member member, Instant now) {
        ActionToken.revokeOutstanding(ActionToken.Purpose.PASSWORD_RESET, member.id, now);
        ActionToken.Issued token = ActionToken.issue(ActionToken.Purpose.PASSWORD_RESET, member.id, now,
                config.tokens().passwordReset());
        outbox.record(new PasswordResetRequested(member.userId, member.email, member.firstName, member.locale,
                token.secret(), token.token().expiresAt), member.userId, "user/" + member.userId);
    }

    /**
     * Sets the new password in Keycloak (its policy applies) and ends the user's sessions. If Keycloak refuses, the
     * link stays usable.
     */
    @Transactional
    public void confirm(String secret, String newPassword) {
        Instant now = clock.instant();
        ActionToken token = ActionToken.redeem(ActionToken.Purpose.PASSWORD_RESET, secret, now);
        Member member = Member.<Member>findByIdOptional(token.memberId).orElseThrow();
        if (member.status != Member.Status.ACTIVE) {
            throw ProblemTypes.tokenUsed();
        }
        try {
            identity.setPassword(member.userId, newPassword);
        } catch (WeakPasswordException e) {
            throw AccountProblems.weakPassword("newPassword");
        }
        identity.logout(member.userId);
    }
}
