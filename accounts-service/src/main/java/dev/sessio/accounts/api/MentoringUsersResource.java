package dev.sessio.accounts.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.accounts.api.Dtos.MemberView;
import dev.sessio.accounts.domain.Member;
import dev.sessio.accounts.domain.MentoringUsers;
import dev.sessio.accounts.domain.MentoringUsers.Accommodations;
import dev.sessio.accounts.domain.Role;
import dev.sessio.runtime.idempotency.Idempotent;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Mentors and students (no school organisation): created by ops; students' accommodations shown to mentors. */
@Bulkheaded
@Path("/api/accounts")
@RunOnVirtualThread
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mentoring users")
public class MentoringUsersResource {

    public record AccommodationsBody(@NotNull Boolean rqth, @NotNull Boolean recordingAllowed,
                                     @Min(0) @Max(200) Integer extraTimePercent, @Size(max = 1000) String notes) {
        Accommodations toDomain() {
            return new Accommodations(rqth, recordingAllowed, extraTimePercent, notes);
        }

        static AccommodationsBody of(Accommodations a) {
            return new AccommodationsBody(a.rqth(), a.recordingAllowed(), a.extraTimePercent(), a.notes());
        }
    }

    public record NewMentoringUser(@NotBlank @Email @Size(max = 254) String email,
                                   @NotBlank @Size(max = 100) String firstName,
                                   @NotBlank @Size(max = 100) String lastName,
                                   @NotBlank @Pattern(regexp = "^(mentor|student)$", message = "must be mentor or student") String role,
                                   @Valid AccommodationsBody accommodations,
                                   @Pattern(regexp = "^[a-z]{2}(-[A-Z]{2})?$", message = "must be a language code such as fr") String locale) {
    }

    public record MentoringUserView(MemberView user, AccommodationsBody accommodations) {
    }

    private final MentoringUsers users;

    public MentoringUsersResource(MentoringUsers users) {
        this.users = users;
    }

    @POST
    @Path("/ops/users")
    @RolesAllowed("ops")
    @Idempotent
    @Operation(summary = "Create a mentor or a student",
            description = "They choose their password through the link of PasswordResetRequested.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "409", description = "The email already has an account (problem+json)")
    public Response createMentoringUser(@Valid @NotNull NewMentoringUser request) {
        Member member = users.create(request.email(), request.firstName().trim(), request.lastName().trim(),
                Role.of(request.role()), request.accommodations() == null ? null : request.accommodations().toDomain(),
                request.locale());
        AccommodationsBody accommodations = member.role == Role.STUDENT
                ? AccommodationsBody.of(users.accommodations(member.userId)) : null;
        return Response.created(URI.create("/api/accounts/users/" + member.userId + "/accommodations"))
                .entity(new MentoringUserView(MemberView.of(member), accommodations)).build();
    }

    @GET
    @Path("/users/{userId}/accommodations")
    @RolesAllowed({"mentor", "ops"})
    @Operation(summary = "A student's accommodations (RQTH, recording allowed, extra time), for the mentoring flow")
    @APIResponse(responseCode = "200", description = "The accommodations")
    @APIResponse(responseCode = "404", description = "No such student (problem+json)")
    public AccommodationsBody studentAccommodations(@PathParam("userId") String userId) {
        return AccommodationsBody.of(users.accommodations(userId));
    }

    @PUT
    @Path("/ops/users/{userId}/accommodations")
    @RolesAllowed("ops")
    @Operation(summary = "Set a student's accommodations")
    @APIResponse(responseCode = "200", description = "The accommodations")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "404", description = "No such student (problem+json)")
    public AccommodationsBody updateStudentAccommodations(@PathParam("userId") String userId,
                                                   @Valid @NotNull AccommodationsBody body) {
        return AccommodationsBody.of(users.updateAccommodations(userId, body.toDomain()));
    }
}
