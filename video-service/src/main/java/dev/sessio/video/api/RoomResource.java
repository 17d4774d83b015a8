package dev.sessio.video.api;

import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.video.domain.ClientAccess;
import dev.sessio.video.domain.MentoringRooms;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Rooms of mentoring sessions and defences. */
@Path("/api/video/rooms/{sessionId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rooms", description = "Mentoring rooms: tokens, recordings, bug reports")
public class RoomResource {

    static final String PROBLEM = "application/problem+json";

    private final MentoringRooms mentoring;
    private final Caller caller;

    public RoomResource(MentoringRooms mentoring, Caller caller) {
        this.mentoring = mentoring;
        this.caller = caller;
    }

    @POST
    @Path("/token")
    @Operation(summary = "A client token for the session's mentor (MODERATOR) or student (PUBLISHER)")
    @APIResponse(responseCode = "200", description = "What the front end needs to connect")
    @APIResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "Unknown session, or not its mentor or student",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The room is not open yet (opensAt), is over, or is being prepared",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "410", description = "The session was cancelled", content = @Content(mediaType = PROBLEM))
    public ClientAccess token(@PathParam("sessionId") UUID sessionId) {
        return mentoring.token(sessionId, caller.userId());
    }
}
