package dev.sessio.events.accounts;

import dev.sessio.events.EventType;

import java.time.Instant;

/**
 * Emitted by accounts-service when a user asks to reset their password.
 *
 * @param resetToken the secret that goes into the reset link
 */
@EventType(service = "accounts", name = "PasswordResetRequested", version = 1)
public record PasswordResetRequested(
        String userId,
        String email,
        String firstName,
        String locale,
        String resetToken,
        Instant expiresAt) {
}
