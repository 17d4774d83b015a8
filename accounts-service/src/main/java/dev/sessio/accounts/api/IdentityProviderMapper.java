package dev.sessio.accounts.api;

import dev.sessio.accounts.domain.AccountProblems;
import dev.sessio.accounts.infra.IdentityProviderException;
import dev.sessio.runtime.problem.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Keycloak unreachable or refusing: 503 problem+json, nothing internal in the answer (the log has the cause). */
public class IdentityProviderMapper {

    private final Problems problems;

    public IdentityProviderMapper(Problems problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response unavailable(IdentityProviderException e) {
        return problems.response(AccountProblems.identityUnavailable(e));
    }
}
