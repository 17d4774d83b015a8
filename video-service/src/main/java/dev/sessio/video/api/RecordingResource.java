package dev.sessio.video.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.problem.Problems;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.video.domain.Recording;
import dev.sessio.video.domain.Recordings;
import dev.sessio.video.infra.VideoProvider;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Defence recordings for the jury: the list of defences with their recordings, and each recording's link. */
@Bulkheaded
@Path("/api/video/recordings")
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

    /** One recording of a defence; {@code link} (the download link's resource) only while it is available. */
    public record RecordingSummary(UUID recordingId, String status, Instant startedAt, Long durationSeconds,
                                   Instant availableAt, Instant availableUntil, Instant deletedAt, String link) {
        static RecordingSummary of(Recording r) {
            return new RecordingSummary(r.id, r.status.name(), r.startedAt, r.durationSeconds, r.availableAt,
                    r.availableUntil, r.deletedAt,
                    r.status == Recording.Status.AVAILABLE ? "/api/video/recordings/" + r.id : null);
        }
    }

    public record DefenceRecordings(UUID sessionId, String title, Instant startsAt, int durationMinutes,
                                    String mentorId, String studentId, boolean cancelled,
                                    List<RecordingSummary> recordings) {
        static DefenceRecordings of(Recordings.Defence d) {
            return new DefenceRecordings(d.room().sessionId, d.room().title, d.room().startsAt,
                    d.room().durationMinutes, d.room().mentorId, d.room().studentId,
                    d.room().status == dev.sessio.video.domain.Room.Status.CLOSED,
                    d.recordings().stream().map(RecordingSummary::of).toList());
        }
    }

    public record Page(List<DefenceRecordings> items, int page, int size, long total) {
    }

    @GET
    @RolesAllowed({"ops", "jury"})
    @Operation(summary = "Defences with their recordings (ops, jury), newest first")
    @APIResponse(responseCode = "200", description = "A page of defences, each with its recordings")
    @APIResponse(responseCode = "400", description = "Paging or a date that is not ISO-8601",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "Not ops or jury", content = @Content(mediaType = "application/problem+json"))
    public Page list(@QueryParam("sessionId") UUID sessionId,
                     @Parameter(description = "defences starting at or after (ISO-8601 with offset)") @QueryParam("from") String from,
                     @Parameter(description = "defences starting before (ISO-8601 with offset)") @QueryParam("to") String to,
                     @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                     @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        return new Page(recordings.defences(sessionId, since, until, page, size).stream()
                .map(DefenceRecordings::of).toList(), page, size, recordings.countDefences(sessionId, since, until));
    }

    @GET
    @Path("{id}")
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

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "validation", "Invalid request", "1 field is invalid")
                    .with("errors", List.of(new Problems.FieldError(field, "must be ISO-8601 with an offset")));
        }
    }
}
