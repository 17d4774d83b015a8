package dev.sessio.events.accounts;

import dev.sessio.events.EventType;

import java.util.UUID;

/**
 * Emitted by accounts-service when ops suspend an organisation; its token debits are refused until reactivated.
 *
 * @param reason free text for ops, null when none was given
 */
@EventType(service = "accounts", name = "OrganisationSuspended", version = 1)
public record OrganisationSuspended(UUID organisationId, String reason) {
}
