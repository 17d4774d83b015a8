package dev.sessio.accounts.domain;

import dev.sessio.accounts.infra.IdentityProviderException;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.problem.Problems;

import java.util.List;

/** The business refusals of this service, in one place so their types stay consistent. */
public final class AccountProblems {

    private AccountProblems() {
    }

    /** Says that an account exists, never whose: the caller only learns what they typed is taken. */
    public static ProblemException accountExists(String what) {
        return ProblemException.conflict("account-exists", "Account already exists",
                "An account already exists for " + what + "; sign in or reset your password instead");
    }

    /** A field refused by a rule only the identity provider knows (its password policy), as a validation error. */
    public static ProblemException invalidField(String field, String message) {
        return ProblemException.badRequest("validation", "Invalid request", "1 field is invalid")
                .with("errors", List.of(new Problems.FieldError(field, message)));
    }

    public static ProblemException weakPassword(String field) {
        return invalidField(field, "does not meet the password policy (at least 12 characters)");
    }

    public static ProblemException identityUnavailable(IdentityProviderException cause) {
        return new ProblemException(503, "identity-provider-unavailable", "Service unavailable",
                "Accounts cannot be changed right now; nothing was changed, try again in a moment");
    }

    public static ProblemException invalidStatus(String detail) {
        return ProblemException.conflict("invalid-status", "Not possible in this status", detail);
    }

    public static ProblemException tooManyRequests() {
        return new ProblemException(429, "too-many-requests", "Too many requests",
                "Too many requests for this address; try again later");
    }
}
