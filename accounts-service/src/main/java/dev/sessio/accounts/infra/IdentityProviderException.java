package dev.sessio.accounts.infra;

/** The identity provider could not be reached or refused a call it should have accepted. */
public class IdentityProviderException extends RuntimeException {
    public IdentityProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
