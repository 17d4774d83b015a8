package dev.sessio.accounts.domain;

import dev.sessio.runtime.problem.ProblemException;

/** Problems shared by the single-use link flows. */
final class ProblemTypes {

    private ProblemTypes() {
    }

    static ProblemException tokenUsed() {
        return ProblemException.badRequest("token-already-used", "Link already used",
                "This link was already used; ask for a new one if needed");
    }
}
