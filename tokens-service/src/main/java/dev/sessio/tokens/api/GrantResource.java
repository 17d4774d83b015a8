package dev.sessio.tokens.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.runtime.idempotency.Idempotent;
import dev.sessio.tokens.domain.TokenLedger;
import dev.sessio.tokens.domain.ledger.Cause;
import dev.sessio.tokens.domain.ledger.LedgerStore.Posted;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** Ops give tokens to an organisation (a gesture, a correction, a trial): a credit like a purchase, without an order. */
@Bulkheaded
@Path("/api/tokens/grants")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ops", description = "Operations on any organisation's tokens")
@RunOnVirtualThread
public class GrantResource {

    public record GrantRequest(@NotNull UUID organisationId, @NotNull @Min(1) @Max(1000) Integer quantity,
                               @Future Instant expiresAt, @NotBlank @Size(max = 500) String reason) {
    }

    private final TokenLedger ledger;

    public GrantResource(TokenLedger ledger) {
        this.ledger = ledger;
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Grant tokens to an organisation (ops); expiry defaults to the end of the school year")
    @APIResponse(responseCode = "201", description = "The credit posting")
    @APIResponse(responseCode = "400", description = "Invalid request (problem+json with the fields at fault)")
    @APIResponse(responseCode = "403", description = "Not ops")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another request")
    public Response grant(@Valid @NotNull GrantRequest request) {
        Posted posted = ledger.credit(request.organisationId(), Cause.grant(UUID.randomUUID()), request.quantity(),
                request.expiresAt(), TokensCredited.Reason.GRANT, null, request.reason());
        return Response.created(URI.create("/api/tokens/ledger/" + posted.posting().id()))
                .entity(TokensResource.view(posted.posting())).build();
    }
}
