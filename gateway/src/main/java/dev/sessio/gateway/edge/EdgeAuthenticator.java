package dev.sessio.gateway.edge;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Checks bearer tokens at the edge: signature against the realm's JWKS, issuer, expiry and audience
 * ({@code mp.jwt.verify.*}). The services check them again: the gateway is not their only line.
 */
@ApplicationScoped
public class EdgeAuthenticator {

    private final JWTParser parser;

    public EdgeAuthenticator(JWTParser parser) {
        this.parser = parser;
    }

    /** The verified token, or empty when it is missing, malformed, expired, wrongly signed or for another audience. */
    public Optional<JsonWebToken> verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(authorization.substring(7).trim()));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
