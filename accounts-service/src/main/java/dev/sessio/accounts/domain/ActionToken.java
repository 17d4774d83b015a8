package dev.sessio.accounts.domain;

import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A single-use secret sent by email (confirmation, password reset, invitation). Only its SHA-256 is stored, so a
 * database leak gives no usable link.
 */
@Entity
@Table(name = "action_token")
public class ActionToken extends PanacheEntityBase {

    public enum Purpose { VERIFY_EMAIL, PASSWORD_RESET, INVITATION }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Purpose purpose;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "used_at")
    public Instant usedAt;
    @Column(name = "created_at")
    public Instant createdAt;

    /** A freshly issued token and the secret to put in the link (returned once, never stored). */
    public record Issued(ActionToken token, String secret) {
    }

    public static Issued issue(Purpose purpose, UUID memberId, Instant now, Duration validity) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ActionToken token = new ActionToken();
        token.id = UUID.randomUUID();
        token.purpose = purpose;
        token.tokenHash = hash(secret);
        token.memberId = memberId;
        token.createdAt = now;
        token.expiresAt = now.plus(validity);
        token.persist();
        return new Issued(token, secret);
    }

    /**
     * The token for this secret, locked for the rest of the transaction so two clicks cannot both use it.
     * Unknown (or of another purpose), used and expired tokens each answer 400 with their own problem type.
     */
    public static ActionToken redeem(Purpose purpose, String secret, Instant now) {
        ActionToken token = secret == null ? null
                : ActionToken.<ActionToken>find("tokenHash = ?1 and purpose = ?2", hash(secret), purpose)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (token == null) {
            throw ProblemException.badRequest("token-unknown", "Unknown link",
                    "This link is not valid; ask for a new one");
        }
        if (token.usedAt != null) {
            throw ProblemException.badRequest("token-already-used", "Link already used",
                    "This link was already used; ask for a new one if needed");
        }
        if (!now.isBefore(token.expiresAt)) {
            throw ProblemException.badRequest("token-expired", "Link expired",
                    "This link has expired; ask for a new one");
        }
        token.usedAt = now;
        return token;
    }

    /** Makes every outstanding token of this purpose for this member unusable (a newer link replaces them). */
    public static void revokeOutstanding(Purpose purpose, UUID memberId, Instant now) {
        update("usedAt = ?1 where memberId = ?2 and purpose = ?3 and usedAt is null", now, memberId, purpose);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
