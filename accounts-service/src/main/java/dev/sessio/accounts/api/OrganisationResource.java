package dev.sessio.accounts.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.accounts.api.Dtos.ApiClientRequest;
import dev.sessio.accounts.api.Dtos.ApiClientView;
import dev.sessio.accounts.api.Dtos.ApiClientWithSecret;
import dev.sessio.accounts.api.Dtos.InvitationRequest;
import dev.sessio.accounts.api.Dtos.InvitationView;
import dev.sessio.accounts.api.Dtos.MemberView;
import dev.sessio.accounts.api.Dtos.OrganisationUpdate;
import dev.sessio.accounts.api.Dtos.OrganisationView;
import dev.sessio.accounts.api.Dtos.PageView;
import dev.sessio.accounts.domain.AccountDirectory;
import dev.sessio.accounts.domain.Member;
import dev.sessio.accounts.domain.Membership;
import dev.sessio.accounts.domain.Organisation;
import dev.sessio.accounts.domain.PartnerClients;
import dev.sessio.accounts.domain.Role;
import dev.sessio.runtime.idempotency.Idempotent;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.tenancy.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** The caller's organisation (from the token's org_id, never the body): its data, members and API clients. */
@Bulkheaded
@Path("/api/accounts/organisation")
@Authenticated
@RunOnVirtualThread
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "My organisation")
public class OrganisationResource {

    static final int MAX_PAGE_SIZE = 100;

    private final AccountDirectory directory;
    private final Membership membership;
    private final PartnerClients partnerClients;
    private final Caller caller;

    public OrganisationResource(AccountDirectory directory, Membership membership, PartnerClients partnerClients,
                                Caller caller) {
        this.directory = directory;
        this.membership = membership;
        this.partnerClients = partnerClients;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's organisation")
    @APIResponse(responseCode = "200", description = "The organisation")
    @APIResponse(responseCode = "403", description = "The token names no organisation (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown organisation (problem+json)")
    public OrganisationView organisation() {
        UUID id = caller.organisationId();
        return Organisation.byId(id).map(OrganisationView::of)
                .orElseThrow(() -> ProblemException.notFound("Organisation " + id));
    }

    @PATCH
    @RolesAllowed("school-admin")
    @Operation(summary = "Change organisation and billing data (absent fields stay; an empty string clears an "
            + "optional one)", description = "Billing data appear on invoices: billing address, VAT number and, "
            + "for French public schools, the Chorus Pro SIRET, service code and commitment number.")
    @APIResponse(responseCode = "200", description = "The changed organisation")
    @APIResponse(responseCode = "400", description = "Invalid fields, every one listed (problem+json)")
    @APIResponse(responseCode = "403", description = "Not a school-admin (problem+json)")
    public OrganisationView updateOrganisation(@Valid @NotNull OrganisationUpdate update) {
        var billing = update.billing();
        var chorus = billing == null ? null : billing.chorusPro();
        return OrganisationView.of(directory.updateOrganisation(caller.organisationId(),
                new AccountDirectory.OrganisationChanges(update.name(),
                        update.address() == null ? null : update.address().toDomain(),
                        billing == null || billing.address() == null ? null : billing.address().toDomain(),
                        billing == null ? null : billing.vatNumber(),
                        chorus == null ? null : chorus.siret(),
                        chorus == null ? null : chorus.serviceCode(),
                        chorus == null ? null : chorus.commitmentNumber())));
    }

    // ---------------------------------------------------------------- members

    @POST
    @Path("/members")
    @RolesAllowed("school-admin")
    @Idempotent
    @Operation(summary = "Invite a colleague as school-admin or school-staff",
            description = "Emits MemberInvited with a single-use invitation token valid 7 days.")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, description = "Replays the first answer")
    @APIResponse(responseCode = "201", description = "Invitation recorded")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "409", description = "The email already has an account, or the organisation is "
            + "not active (problem+json)")
    public Response inviteMember(@Valid @NotNull InvitationRequest request) {
        Membership.Invitation invitation = membership.invite(caller.organisationId(), caller.userId(),
                request.email(), Role.of(request.role()), request.locale());
        Member member = invitation.member();
        return Response.created(URI.create("/api/accounts/organisation/members/" + member.id))
                .entity(new InvitationView(member.id, member.email, member.role, member.status,
                        invitation.expiresAt())).build();
    }

    @GET
    @Path("/members")
    @RolesAllowed("school-admin")
    @Operation(summary = "Members of the organisation, invitations included (paged)")
    @APIResponse(responseCode = "200", description = "One page")
    public PageView<MemberView> members(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                        @QueryParam("size") @DefaultValue("20") @Min(1) int size) {
        return PageView.of(membership.list(caller.organisationId(), page, Math.min(size, MAX_PAGE_SIZE))
                .map(MemberView::of));
    }

    @GET
    @Path("/members/{id}")
    @RolesAllowed("school-admin")
    @Operation(summary = "One member of the organisation")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "404", description = "Unknown, or of another organisation (problem+json)")
    public MemberView member(@PathParam("id") UUID id) {
        return MemberView.of(caller.owned(Member.<Member>findByIdOptional(id).filter(Member::isLive),
                m -> m.organisationId, "Member " + id));
    }

    @DELETE
    @Path("/members/{id}")
    @RolesAllowed("school-admin")
    @Operation(summary = "Remove a member (their login is deleted) or withdraw an invitation")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "Unknown, or of another organisation (problem+json)")
    @APIResponse(responseCode = "409", description = "The organisation's last administrator (problem+json)")
    public Response removeMember(@PathParam("id") UUID id) {
        membership.remove(caller.organisationId(), id);
        return Response.noContent().build();
    }

    // ---------------------------------------------------------------- partner API clients

    @POST
    @Path("/api-clients")
    @RolesAllowed("school-admin")
    @Operation(summary = "Create an API client for the school's own systems (client-credentials grant)",
            description = "The secret is shown in this answer only. No Idempotency-Key: replaying would mean "
                    + "storing the secret.")
    @APIResponse(responseCode = "201", description = "Created; the answer holds the secret")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "409", description = "The organisation is not active (problem+json)")
    public Response createApiClient(@Valid @NotNull ApiClientRequest request) {
        PartnerClients.WithSecret created = partnerClients.create(caller.organisationId(), caller.userId(),
                request.name());
        return Response.created(URI.create("/api/accounts/organisation/api-clients/" + created.client().id))
                .entity(withSecret(created)).build();
    }

    @GET
    @Path("/api-clients")
    @RolesAllowed("school-admin")
    @Operation(summary = "The organisation's API clients that are not revoked (paged; no secrets)")
    @APIResponse(responseCode = "200", description = "One page")
    public PageView<ApiClientView> apiClients(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("20") @Min(1) int size) {
        return PageView.of(partnerClients.list(caller.organisationId(), page, Math.min(size, MAX_PAGE_SIZE))
                .map(ApiClientView::of));
    }

    @POST
    @Path("/api-clients/{id}/secret")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("school-admin")
    @Operation(summary = "Rotate the secret: the old one stops working at once; the new one is shown once")
    @APIResponse(responseCode = "200", description = "The new secret")
    @APIResponse(responseCode = "404", description = "Unknown, revoked, or of another organisation (problem+json)")
    public ApiClientWithSecret rotateApiClientSecret(@PathParam("id") UUID id) {
        return withSecret(partnerClients.rotate(caller.organisationId(), id));
    }

    @DELETE
    @Path("/api-clients/{id}")
    @RolesAllowed("school-admin")
    @Operation(summary = "Revoke: the client is deleted from Keycloak and can obtain no token")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "Unknown, revoked, or of another organisation (problem+json)")
    public Response revokeApiClient(@PathParam("id") UUID id) {
        partnerClients.revoke(caller.organisationId(), id);
        return Response.noContent().build();
    }

    private static ApiClientWithSecret withSecret(PartnerClients.WithSecret created) {
        var c = created.client();
        return new ApiClientWithSecret(c.id, c.name, c.clientId, created.secret(), c.createdAt);
    }
}
