package dev.sessio.video.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.video.domain.ClientAccess;
import dev.sessio.video.domain.JoinLinks;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A school's join link: no login, the code is the secret. */
@Bulkheaded
@Path("/api/video/join/{code}")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Join links", description = "Webinar join links shared inside a school (no login)")
@SecurityRequirements
public class JoinResource {

    static final String PROBLEM = "application/problem+json";

    private final JoinLinks joinLinks;

    public JoinResource(JoinLinks joinLinks) {
        this.joinLinks = joinLinks;
    }

    @Schema(description = "Who joins, as shown to the others in the room")
    public record JoinRequest(@DisplayName @Schema(description = "1–60 characters, trimmed, no control characters",
            examples = "Mme Durand — CDI") String displayName) {
    }

    @GET
    @Operation(summary = "What the join page shows: session title, start, when the room opens")
    @APIResponse(responseCode = "200", description = "The session behind the link")
    @APIResponse(responseCode = "404", description = "Unknown code", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "410", description = "The registration was cancelled", content = @Content(mediaType = PROBLEM))
    public JoinLinks.JoinPage page(@PathParam("code") String code) {
        return joinLinks.describe(code);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Join the webinar: provider, session id and a publisher client token")
    @APIResponse(responseCode = "200", description = "What the front end needs to connect")
    @APIResponse(responseCode = "400", description = "Invalid display name", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "Unknown code", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The room is not open yet (opensAt), is over, or is being prepared",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "410", description = "Registration or session cancelled", content = @Content(mediaType = PROBLEM))
    public ClientAccess join(@PathParam("code") String code, @Valid @NotNull JoinRequest request) {
        return joinLinks.join(code, request.displayName().strip());
    }
}
