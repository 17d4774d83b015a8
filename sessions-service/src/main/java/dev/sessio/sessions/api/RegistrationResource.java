package dev.sessio.sessions.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.sessions.config.SessionsConfig;
import dev.sessio.sessions.domain.Registration;
import dev.sessio.sessions.domain.Registrations;
import dev.sessio.runtime.wait.PreferWait;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Bulkheaded
@Path("/api/registrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registrations", description = "My organisation's registrations to webinars")
@RunOnVirtualThread
public class RegistrationResource {

    /** The answer to a cancellation: the registration and, in words, whether the token comes back. */
    public record CancellationView(RegistrationView registration, boolean refundable, String refund) {
    }

    private final Registrations registrations;
    private final RegistrationAnswers answers;
    private final Caller caller;
    private final ZoneId zone;
    private final SessionsConfig config;

    public RegistrationResource(Registrations registrations, RegistrationAnswers answers, Caller caller,
                                SessionsConfig config) {
        this.registrations = registrations;
        this.answers = answers;
        this.caller = caller;
        this.zone = config.displayZone();
        this.config = config;
    }

    @GET
    @RolesAllowed({"school-admin", "school-staff", "partner"})
    @Operation(summary = "My organisation's registrations, upcoming or past (every member)",
            description = "Each with its session, status and, once video-service issued it, the join link. "
                    + "Upcoming: not ended yet, soonest first; past: latest first.")
    @APIResponse(responseCode = "200", description = "A page of registrations")
    @APIResponse(responseCode = "400", description = "Invalid when or paging")
    @APIResponse(responseCode = "403", description = "No organisation")
    public PageOf<RegistrationView> listRegistrations(@QueryParam("when") @DefaultValue("upcoming")
                                         @Parameter(description = "upcoming or past") String when,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                         @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        Registrations.When period;
        try {
            period = Registrations.When.valueOf(when.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw dev.sessio.sessions.domain.Refusals.invalidField("when", "must be upcoming or past");
        }
        UUID organisation = caller.organisationId();
        List<RegistrationView> items = registrations.ofOrganisation(organisation, period, page, size).stream()
                .map(r -> RegistrationView.of(r, zone)).toList();
        return new PageOf<>(items, page, size, registrations.countOfOrganisation(organisation, period));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"school-admin", "school-staff", "partner", "ops"})
    @Operation(summary = "One registration of my organisation (ops: any)",
            description = "With `Prefer: wait=N` (RFC 7240, at most 8 s) a PENDING registration is answered once the "
                    + "saga decides, or after N seconds; still PENDING then carries Retry-After.")
    @APIResponse(responseCode = "200", description = "The registration: PENDING, CONFIRMED, REJECTED or CANCELLED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegistrationView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or another organisation's")
    public Uni<Response> getRegistration(@PathParam("id") UUID id,
                                         @HeaderParam("Prefer") @Parameter(description = "wait=N: seconds to wait "
                                                 + "for the decision of a PENDING registration") String prefer) {
        Registration registration = caller.ownedOrOps(registrations.find(id), r -> r.organisationId,
                "Registration " + id);
        PreferWait wait = prefer == null ? PreferWait.of(null, Duration.ZERO, Duration.ZERO)
                : answers.preference(prefer);
        return answers.read(RegistrationView.of(registration, zone), wait);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("school-admin")
    @Operation(summary = "Cancel my organisation's registration (school-admin)",
            description = "Refunded when at least sessions.cancellation.refundable-before (48 h) before the start, "
                    + "not after; the answer says which. Emits RegistrationCancelled with the flag. Cancelling again "
                    + "answers the same.")
    @APIResponse(responseCode = "200", description = "Cancelled, with refundable true or false")
    @APIResponse(responseCode = "404", description = "Unknown, or another organisation's")
    @APIResponse(responseCode = "409", description = "registration-pending, registration-rejected, session-past")
    public CancellationView cancelRegistration(@PathParam("id") UUID id) {
        Registration registration = registrations.cancel(id, caller.organisationId(), caller.userId());
        boolean refundable = Boolean.TRUE.equals(registration.refundable);
        return new CancellationView(RegistrationView.of(registration, zone), refundable, refundable
                ? "The token goes back to your balance"
                : "Cancelled less than " + config.cancellation().refundableBefore().toHours()
                + " hours before the start: the token is not refunded");
    }

}
