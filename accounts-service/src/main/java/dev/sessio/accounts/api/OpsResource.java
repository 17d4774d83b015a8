package dev.sessio.accounts.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.accounts.api.Dtos.OpsOrganisationView;
import dev.sessio.accounts.api.Dtos.PageView;
import dev.sessio.accounts.api.Dtos.SuspensionRequest;
import dev.sessio.accounts.domain.Organisation;
import dev.sessio.accounts.domain.OrganisationOps;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Sessio operations: every organisation, suspension and reactivation. */
@Bulkheaded
@Path("/api/accounts/ops/organisations")
@RolesAllowed("ops")
@RunOnVirtualThread
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Role ops")
public class OpsResource {

    private final OrganisationOps ops;

    public OpsResource(OrganisationOps ops) {
        this.ops = ops;
    }

    @GET
    @Operation(summary = "Search organisations by part of the name or exact UAI/SIRET, and by status (paged)")
    @APIResponse(responseCode = "200", description = "One page, newest first")
    @APIResponse(responseCode = "403", description = "Not ops (problem+json)")
    public PageView<OpsOrganisationView> searchOrganisations(@QueryParam("q") @Size(max = 200) String text,
                                                @QueryParam("status") Organisation.Status status,
                                                @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                @QueryParam("size") @DefaultValue("20") @Min(1) int size) {
        return PageView.of(ops.search(text, status, page, Math.min(size, OrganisationResource.MAX_PAGE_SIZE))
                .map(OpsOrganisationView::of));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One organisation and its status")
    @APIResponse(responseCode = "200", description = "The organisation")
    @APIResponse(responseCode = "404", description = "Unknown (problem+json)")
    public OpsOrganisationView organisationForOps(@PathParam("id") UUID id) {
        return OpsOrganisationView.of(ops.get(id));
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend: its users cannot log in, its API clients obtain no token; emits OrganisationSuspended")
    @APIResponse(responseCode = "200", description = "Suspended")
    @APIResponse(responseCode = "404", description = "Unknown (problem+json)")
    @APIResponse(responseCode = "409", description = "Already suspended (problem+json)")
    public OpsOrganisationView suspendOrganisation(@PathParam("id") UUID id, @Valid SuspensionRequest request) {
        return OpsOrganisationView.of(ops.suspend(id, request == null ? null : request.reason()));
    }

    @POST
    @Path("/{id}/reactivate")
    @Operation(summary = "Lift a suspension; emits OrganisationReactivated")
    @APIResponse(responseCode = "200", description = "Reactivated")
    @APIResponse(responseCode = "404", description = "Unknown (problem+json)")
    @APIResponse(responseCode = "409", description = "Not suspended (problem+json)")
    public OpsOrganisationView reactivateOrganisation(@PathParam("id") UUID id) {
        return OpsOrganisationView.of(ops.reactivate(id));
    }
}
