package dev.sessio.events.accounts;

import dev.sessio.events.EventType;

import java.util.UUID;

/** Emitted by accounts-service when ops lift an organisation's suspension. */
@EventType(service = "accounts", name = "OrganisationReactivated", version = 1)
public record OrganisationReactivated(UUID organisationId) {
}
