package dev.sessio.video.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.video.domain.Recording;
import dev.sessio.video.domain.Recordings;
import dev.sessio.video.infra.VideoProvider;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
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
import java.util.UUID;

/** Defence recordings for the jury. */
@Bulkheaded
@Path("/api/video/recordings/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recordings", description = "Recordings of defences, for the mentor, ops and the jury")
public class RecordingResource {

    private final Recordings recordings;
    private final Caller caller;

    public RecordingResource(Recordings recordings, Caller caller) {
        this.recordings = recordings;
        this.caller = caller;
    }

    public record RecordingLink(UUID recordingId, UUID sessionId, long durationSeconds, Instant availableUntil,
                                URI downloadUrl, Instant downloadUrlExpiresAt) {
    }

    @GET
    @Operation(summary = "A short-lived download link (session's mentor, ops, jury)")
    @APIResponse(responseCode = "200", description = "The link, valid a few minutes")
    @APIResponse(responseCode = "404", description = "Unknown, or not allowed", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "Not available (still processing, failed or deleted)",
            content = @Content(mediaType = "application/problem+json"))
    public RecordingLink link(@PathParam("id") UUID id) {
        VideoProvider.DownloadLink link = recordings.downloadLink(id, caller.userId(),
                caller.isOps() || caller.hasRole("jury"));
        Recording recording = Recording.findById(id);
        return new RecordingLink(id, recording.sessionId, recording.durationSeconds == null ? 0 : recording.durationSeconds,
                recording.availableUntil, link.url(), link.expiresAt());
    }
}
