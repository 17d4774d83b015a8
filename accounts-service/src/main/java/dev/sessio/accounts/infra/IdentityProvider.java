package dev.sessio.accounts.infra;

import java.util.UUID;

/**
 * The port to the identity provider (Keycloak in production): users, credentials, sessions and partner clients.
 * Every operation either completes or leaves nothing behind (an operation that fails half-way undoes its own
 * first steps); undoing a completed operation when the surrounding database transaction rolls back is the
 * caller's job ({@link Compensations}).
 *
 * @see KeycloakIdentityProvider
 */
public interface IdentityProvider {

    /**
     * @param organisationId written to the {@code org_id} user attribute; null for users outside an organisation
     * @param password       null to create the user without a credential (they set one through a reset link)
     * @param enabled        false: the user exists but cannot log in yet (email not confirmed)
     * @param realmRole      e.g. {@code school-admin}
     */
    record NewUser(String email, String firstName, String lastName, String password, UUID organisationId,
                   String realmRole, boolean enabled, boolean emailVerified) {
    }

    /** A partner's client as just created or rotated: the secret is only ever known here. */
    record ClientCredentials(String keycloakId, String clientId, String secret) {
    }

    /** @return the new user's id (the {@code sub} of their tokens) */
    String createUser(NewUser user);

    /** Deletes the user; unknown users are ignored (compensations may run twice). */
    void deleteUser(String userId);

    /** Email confirmed: the user can log in. */
    void activateUser(String userId);

    /** Disabled users cannot log in and their sessions end. */
    void setUserEnabled(String userId, boolean enabled);

    void updateName(String userId, String firstName, String lastName);

    /** Sets a new password under the realm's password policy ({@link WeakPasswordException} otherwise). */
    void setPassword(String userId, String password);

    /** Ends every session of the user (refresh tokens stop working). */
    void logout(String userId);

    ClientCredentials createPartnerClient(String clientId, String displayName, UUID organisationId);

    String rotateClientSecret(String keycloakId);

    /** Disabled clients can obtain no token. */
    void setClientEnabled(String keycloakId, boolean enabled);

    /** Deletes the client; unknown clients are ignored. */
    void deleteClient(String keycloakId);
}
