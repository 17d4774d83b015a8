package dev.sessio.events.accounts;

import dev.sessio.events.EventType;

import java.util.UUID;

/**
 * Emitted by accounts-service once a user's personal data is erased (GDPR); every service that
 * keeps a copy of it (names, emails) erases or anonymises its own.
 *
 * @param organisationId the user's organisation, null for users outside one (mentors, students)
 */
@EventType(service = "accounts", name = "PersonalDataErased", version = 1)
public record PersonalDataErased(String userId, UUID organisationId) {
}
