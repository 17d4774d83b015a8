package dev.sessio.video;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/** Decodes client tokens the way Vonage would: RS256 with the application's public key. */
final class VonageTokens {

    private VonageTokens() {
    }

    static JwtClaims verified(String token) {
        try {
            return new JwtConsumerBuilder()
                    .setVerificationKey(VonageStub.publicKey())
                    .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                    .setRequireExpirationTime()
                    .setSkipDefaultAudienceValidation()
                    .build()
                    .processToClaims(token);
        } catch (Exception e) {
            throw new AssertionError("not a valid RS256 token signed with the application's key: " + e.getMessage(), e);
        }
    }
}
