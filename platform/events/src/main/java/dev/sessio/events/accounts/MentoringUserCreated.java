package dev.sessio.events.accounts;

import dev.sessio.events.EventType;

/**
 * Emitted by accounts-service when ops create a mentor or a student (users outside any organisation), so that
 * sessions-service can address their mentoring invites. {@code PersonalDataErased} withdraws the copy.
 */
@EventType(service = "accounts", name = "MentoringUserCreated", version = 1)
public record MentoringUserCreated(
        String userId,
        Role role,
        String email,
        String firstName,
        String locale) {

    public enum Role { MENTOR, STUDENT }
}
