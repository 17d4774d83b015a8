package dev.sessio.video.infra;

import dev.sessio.video.config.VideoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks that a callback comes from Vonage: a JWT in the Authorization header, HS256 with the application's
 * signature secret. When the token carries {@code payload_hash}, it must be the SHA-256 of the body.
 */
@ApplicationScoped
public class VonageCallbackSignature {

    private static final Logger LOG = Logger.getLogger(VonageCallbackSignature.class);

    private final Optional<String> secret;
    private final Clock clock;

    public VonageCallbackSignature(VideoConfig config, Clock clock) {
        this.secret = config.vonage().signatureSecret().filter(s -> !s.isBlank());
        this.clock = clock;
    }

    public boolean verify(String authorization, String body) {
        if (secret.isEmpty()) {
            LOG.warn("Vonage callback refused: video.vonage.signature-secret is not configured");
            return false;
        }
        if (authorization == null || authorization.isBlank()) {
            return false;
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim()
                : authorization.trim();
        try {
            JwtClaims claims = new JwtConsumerBuilder()
                    .setVerificationKey(new HmacKey(secret.get().getBytes(StandardCharsets.UTF_8)))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "HS256")
                    .setRelaxVerificationKeyValidation() // Vonage signature secrets may be shorter than 256 bits
                    .setSkipDefaultAudienceValidation()
                    .setAllowedClockSkewInSeconds(300)
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .build()
                    .processToClaims(token);
            Object hash = claims.getClaimValue("payload_hash");
            if (hash != null && !MessageDigest.isEqual(hash.toString().toLowerCase().getBytes(StandardCharsets.UTF_8),
                    sha256(body).getBytes(StandardCharsets.UTF_8))) {
                LOG.warn("Vonage callback refused: payload_hash does not match the body");
                return false;
            }
            return true;
        } catch (InvalidJwtException e) {
            LOG.debugf("Vonage callback refused: %s", e.getMessage());
            return false;
        }
    }

    public static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
