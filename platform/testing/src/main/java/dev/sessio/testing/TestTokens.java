package dev.sessio.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens shaped like Keycloak's for the {@code sessio} realm ({@code realm_access.roles},
 * {@code org_id}, {@code aud}, {@code azp}), signed by {@link OidcIssuer}.
 * <pre>TestTokens.user("alice").org(orgA).roles("school-admin").token()</pre>
 */
public final class TestTokens {

    public static final String AUDIENCE = "sessio-api";

    private final String subject;
    private UUID orgId;
    private List<String> roles = List.of();
    private String audience = AUDIENCE;
    private String clientId = "sessio-web";
    private String email;
    private long expiresInSeconds = 300;
    private String issuer;

    private TestTokens(String subject) {
        this.subject = subject;
    }

    public static TestTokens user(String subject) {
        return new TestTokens(subject);
    }

    public TestTokens org(UUID orgId) {
        this.orgId = orgId;
        return this;
    }

    public TestTokens roles(String... roles) {
        this.roles = List.of(roles);
        return this;
    }

    public TestTokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    public TestTokens client(String clientId) {
        this.clientId = clientId;
        return this;
    }

    public TestTokens email(String email) {
        this.email = email;
        return this;
    }

    public TestTokens expiresIn(long seconds) {
        this.expiresInSeconds = seconds;
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public String token() {
        OidcIssuer oidc = OidcIssuer.get();
        long now = System.currentTimeMillis() / 1000;
        JwtClaimsBuilder claims = Jwt.issuer(issuer == null ? oidc.issuer() : issuer)
                .subject(subject)
                .audience(audience)
                .issuedAt(now)
                .expiresAt(now + expiresInSeconds)
                .claim("azp", clientId)
                .claim("typ", "Bearer")
                .claim("preferred_username", email == null ? subject : email)
                .claim("realm_access", Map.of("roles", roles));
        if (email != null) {
            claims.claim("email", email);
        }
        if (orgId != null) {
            claims.claim("org_id", orgId.toString());
        }
        return claims.jws().keyId(OidcIssuer.KEY_ID).sign(oidc.keyPair().getPrivate());
    }

    /** {@code "Bearer …"}, for an Authorization header. */
    public String bearer() {
        return "Bearer " + token();
    }
}
