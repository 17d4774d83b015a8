package dev.sessio.events.accounts;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by accounts-service when a school admin invites someone into the organisation.
 *
 * @param invitedBy       the inviting admin's user id
 * @param invitationToken the secret that goes into the invitation link
 */
@EventType(service = "accounts", name = "MemberInvited", version = 1)
public record MemberInvited(
        UUID organisationId,
        String organisationName,
        String email,
        Role role,
        String invitedBy,
        String invitationToken,
        Instant expiresAt,
        String locale) {

    /** The Keycloak realm role the member gets: {@code school-admin} or {@code school-staff}. */
    public enum Role { SCHOOL_ADMIN, SCHOOL_STAFF }
}
