package dev.sessio.sessions.domain;

import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.problem.Problems;

import java.util.List;

/** Business refusals shared by the domain services, with the problem types clients can rely on. */
public final class Refusals {

    private Refusals() {
    }

    /** The same shape as a Bean Validation failure, for rules that depend on configuration or data. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", "1 field is invalid")
                .with("errors", List.of(new Problems.FieldError(field, message)));
    }

    /** No token to pay with: the same answer whether refused at once or by the ledger, with where to buy. */
    public static ProblemException insufficientTokens(String buyTokensLink) {
        return ProblemException.conflict("insufficient-tokens", "Not enough tokens",
                "Your organisation has no token left; buy tokens to register").with("buyTokens", buyTokensLink);
    }

    public static ProblemException startsInPast() {
        return ProblemException.unprocessable("starts-in-past", "Start in the past",
                "A session cannot start in the past");
    }
}
