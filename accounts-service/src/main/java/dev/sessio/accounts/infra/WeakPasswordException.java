package dev.sessio.accounts.infra;

/** The realm's password policy refused the password; the message says why, in the provider's words. */
public class WeakPasswordException extends RuntimeException {
    public WeakPasswordException(String message) {
        super(message);
    }
}
