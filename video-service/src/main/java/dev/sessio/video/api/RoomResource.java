package dev.sessio.video.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.runtime.idempotency.Idempotent;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.video.domain.BugReport;
import dev.sessio.video.domain.BugReports;
import dev.sessio.video.domain.ClientAccess;
import dev.sessio.video.domain.MentoringRooms;
import dev.sessio.video.domain.Recording;
import dev.sessio.video.domain.Recordings;
import dev.sessio.video.domain.Room;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Rooms of mentoring sessions and defences. */
@Bulkheaded
@Path("/api/video/rooms/{sessionId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rooms", description = "Mentoring rooms: tokens, recordings, bug reports")
public class RoomResource {

    static final String PROBLEM = "application/problem+json";

    private final MentoringRooms mentoring;
    private final BugReports bugReports;
    private final Recordings recordings;
    private final Caller caller;

    public RoomResource(MentoringRooms mentoring, BugReports bugReports, Recordings recordings, Caller caller) {
        this.mentoring = mentoring;
        this.bugReports = bugReports;
        this.recordings = recordings;
        this.caller = caller;
    }

    public record BugReportRequest(
            @NotNull @Pattern(regexp = "audio|video|connection|screen_sharing|chat|recording|other",
                    message = "must be one of audio, video, connection, screen_sharing, chat, recording, other")
            String category,
            @NotBlank @Size(max = 2000) String details,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> connectionIds,
            @Size(max = 500) String browser) {
    }

    public record RecordingView(UUID recordingId, UUID sessionId, String status, Instant startedAt) {
        static RecordingView of(Recording r) {
            return new RecordingView(r.id, r.sessionId, r.status.name(), r.startedAt);
        }
    }

    @POST
    @Path("/bug-reports")
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a video problem (a participant, before, during or after); tags the session Exception")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, description = "Replays the first answer")
    @APIResponse(responseCode = "201", description = "Filed; BugReported emitted")
    @APIResponse(responseCode = "400", description = "Invalid category or details", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "Unknown session, or not a participant", content = @Content(mediaType = PROBLEM))
    public Response reportBug(@PathParam("sessionId") UUID sessionId, @Valid @NotNull BugReportRequest request,
                              @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        BugReport report = bugReports.report(sessionId,
                new BugReports.Reporter(caller.userId(), caller.organisation().orElse(null)),
                new BugReports.NewBugReport(request.category(), request.details(), request.connectionIds(),
                        request.browser() != null ? request.browser() : ConnectionTestResource.truncate(userAgent)));
        return Response.created(URI.create("/api/video/bug-reports/" + report.id)).entity(BugReportView.of(report)).build();
    }

    @POST
    @Path("/recordings")
    @Operation(summary = "The mentor starts recording a defence now (it also starts when someone first publishes)")
    @APIResponse(responseCode = "201", description = "Recording (already running or just started)")
    @APIResponse(responseCode = "404", description = "Unknown session, or not its mentor", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "Not a defence, or the room cannot record (not ready, external link)",
            content = @Content(mediaType = PROBLEM))
    public Response startRecording(@PathParam("sessionId") UUID sessionId) {
        Room room = mentoring.mentoredRoomOf(sessionId, caller.userId());
        if (!room.isMentor(caller.userId())) {
            throw ProblemException.notFound("Session " + sessionId);
        }
        if (room.kind != SessionKind.DEFENCE) {
            throw ProblemException.conflict("not-recordable", "Not recorded", "Only defences are recorded");
        }
        Recording recording = recordings.start(sessionId, caller.userId()).orElseThrow(() ->
                ProblemException.conflict("recording-unavailable", "Cannot record now",
                        "The room cannot record now (not ready, closed, or a provider without recordings)"));
        return Response.created(URI.create("/api/video/recordings/" + recording.id))
                .entity(RecordingView.of(recording)).build();
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
