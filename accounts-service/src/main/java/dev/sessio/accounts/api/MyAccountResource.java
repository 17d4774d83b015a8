package dev.sessio.accounts.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.accounts.api.Dtos.Me;
import dev.sessio.accounts.api.Dtos.MemberView;
import dev.sessio.accounts.api.Dtos.OrganisationView;
import dev.sessio.accounts.api.Dtos.ProfileUpdate;
import dev.sessio.accounts.domain.AccountDirectory;
import dev.sessio.accounts.domain.PersonalData;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.tenancy.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.TreeSet;

/** The caller's own account: read, change personal data, GDPR export and erasure. */
@Bulkheaded
@Path("/api/accounts/me")
@Authenticated
@RunOnVirtualThread
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "My account")
public class MyAccountResource {

    private final AccountDirectory directory;
    private final PersonalData personalData;
    private final Caller caller;
    private final SecurityIdentity identity;

    public MyAccountResource(AccountDirectory directory, PersonalData personalData, Caller caller,
                             SecurityIdentity identity) {
        this.directory = directory;
        this.personalData = personalData;
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The caller, their organisation and their roles")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No active account for this token (problem+json)")
    public Me me() {
        return me(directory.account(caller.userId()));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change personal data (absent fields stay as they are; an empty phone clears it)")
    @APIResponse(responseCode = "200", description = "The changed account")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "404", description = "No active account for this token (problem+json)")
    public Me updateMe(@Valid @NotNull ProfileUpdate update) {
        return me(directory.updateProfile(caller.userId(), new AccountDirectory.ProfileChanges(update.firstName(),
                update.lastName(), update.phone(), update.locale())));
    }

    @GET
    @Path("/export")
    @Operation(summary = "GDPR: every piece of personal data this service holds about the caller")
    @APIResponse(responseCode = "200", description = "The data, as JSON")
    @APIResponse(responseCode = "404", description = "No active account for this token (problem+json)")
    public Map<String, Object> exportMyData() {
        return personalData.export(caller.userId());
    }

    @DELETE
    @Operation(summary = "GDPR: erase the caller's personal data and delete their login",
            description = "Emits PersonalDataErased; what invoices need is kept anonymised.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "404", description = "No active account for this token (problem+json)")
    @APIResponse(responseCode = "409", description = "Last administrator of an organisation with other members (problem+json)")
    public Response eraseMe() {
        personalData.erase(caller.userId());
        return Response.noContent().build();
    }

    /** The token's org_id must match the account's organisation: a stale or forged pairing is "not found". */
    private Me me(AccountDirectory.Account account) {
        if (account.member().organisationId != null
                && !caller.organisation().map(account.member().organisationId::equals).orElse(false)) {
            throw ProblemException.notFound("Account");
        }
        return new Me(MemberView.of(account.member()), account.organisation().map(OrganisationView::of).orElse(null),
                new TreeSet<>(identity.getRoles()));
    }
}
