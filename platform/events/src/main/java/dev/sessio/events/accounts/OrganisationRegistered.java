package dev.sessio.events.accounts;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by accounts-service when a school signs up, and again (with {@code resend}) when the
 * admin asks for a new confirmation email. Notifications sends the confirmation link.
 *
 * @param uai               French school identifier (UAI), null when not given
 * @param siret             French company identifier, null when not given
 * @param confirmationToken the secret that goes into the confirmation link
 * @param resend            true when the admin asked for the email again
 */
@EventType(service = "accounts", name = "OrganisationRegistered", version = 1)
public record OrganisationRegistered(
        UUID organisationId,
        String name,
        String uai,
        String siret,
        String adminUserId,
        String adminEmail,
        String adminFirstName,
        String adminLastName,
        String locale,
        String confirmationToken,
        Instant confirmationExpiresAt,
        boolean resend) {
}
