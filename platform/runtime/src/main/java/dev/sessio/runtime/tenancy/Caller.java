package dev.sessio.runtime.tenancy;

import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who is calling, from the validated access token only: user id ({@code sub}), organisation ({@code org_id}
 * claim, never the request body) and roles.
 */
@RequestScoped
public class Caller {

    public static final String ORG_CLAIM = "org_id";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    /** The token's subject. */
    public String userId() {
        if (identity.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : identity.getPrincipal().getName();
    }

    /** The OAuth client that obtained the token ({@code azp}), e.g. a partner school's API client. */
    public Optional<String> clientId() {
        return identity.getPrincipal() instanceof JsonWebToken jwt
                ? Optional.ofNullable(jwt.<String>getClaim("azp")) : Optional.empty();
    }

    public Optional<UUID> organisation() {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object claim = jwt.getClaim(ORG_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The caller's organisation; a caller without one is refused (403), it can own nothing. */
    public UUID organisationId() {
        return organisation().orElseThrow(() -> ProblemException.forbidden("Your account belongs to no organisation"));
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean isOps() {
        return identity.hasRole("ops");
    }

    /**
     * Returns the resource when it belongs to the caller's organisation; otherwise 404, exactly like an unknown
     * id, so nobody learns that another organisation's id exists.
     */
    public <T> T owned(Optional<T> resource, Function<T, UUID> organisationOf, String what) {
        UUID mine = organisation().orElse(null);
        return resource.filter(r -> mine != null && Objects.equals(organisationOf.apply(r), mine))
                .orElseThrow(() -> ProblemException.notFound(what));
    }

    /** Like {@link #owned} but ops see every organisation's resources. */
    public <T> T ownedOrOps(Optional<T> resource, Function<T, UUID> organisationOf, String what) {
        if (isOps()) {
            return resource.orElseThrow(() -> ProblemException.notFound(what));
        }
        return owned(resource, organisationOf, what);
    }
}
