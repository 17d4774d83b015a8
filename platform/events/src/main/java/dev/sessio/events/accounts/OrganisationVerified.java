package dev.sessio.events.accounts;

import dev.sessio.events.EventType;

import java.util.UUID;

/** Emitted by accounts-service when the organisation's admin has confirmed their email address. */
@EventType(service = "accounts", name = "OrganisationVerified", version = 1)
public record OrganisationVerified(
        UUID organisationId,
        String name,
        String adminUserId,
        String adminEmail,
        String locale) {
}
