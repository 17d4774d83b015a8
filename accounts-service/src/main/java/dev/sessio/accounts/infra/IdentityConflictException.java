package dev.sessio.accounts.infra;

/** The identity provider already has a user with this email or username. */
public class IdentityConflictException extends RuntimeException {
    public IdentityConflictException(String message) {
        super(message);
    }
}
