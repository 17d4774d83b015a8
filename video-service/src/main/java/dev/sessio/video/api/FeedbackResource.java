package dev.sessio.video.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.idempotency.Idempotent;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.video.domain.BugReports;
import dev.sessio.video.domain.Feedback;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** Feedback that blocks nothing and tags nothing. */
@Bulkheaded
@Path("/api/video/feedback")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feedback", description = "Non-blocking feedback on the video experience")
public class FeedbackResource {

    private final BugReports bugReports;
    private final Caller caller;

    public FeedbackResource(BugReports bugReports, Caller caller) {
        this.bugReports = bugReports;
        this.caller = caller;
    }

    public record FeedbackRequest(UUID sessionId, @Min(1) @Max(5) Integer rating,
                                  @NotBlank @Size(max = 2000) String message) {
    }

    public record FeedbackView(UUID id, UUID sessionId, String userId, Integer rating, String message, Instant createdAt) {
        static FeedbackView of(Feedback f) {
            return new FeedbackView(f.id, f.sessionId, f.userId, f.rating, f.message, f.createdAt);
        }
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Leave feedback (no bug report, no Exception tag)")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, description = "Replays the first answer")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Invalid", content = @Content(mediaType = "application/problem+json"))
    public Response leave(@Valid @NotNull FeedbackRequest request) {
        Feedback feedback = bugReports.feedback(new dev.sessio.video.domain.BugReports.Reporter(caller.userId(),
                caller.organisation().orElse(null)), request.sessionId(), request.rating(), request.message());
        return Response.created(URI.create("/api/video/feedback/" + feedback.id)).entity(FeedbackView.of(feedback)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One feedback (ops, or its author)")
    @APIResponse(responseCode = "200", description = "The feedback")
    @APIResponse(responseCode = "404", description = "Unknown, or not yours", content = @Content(mediaType = "application/problem+json"))
    public FeedbackView get(@PathParam("id") UUID id) {
        return Feedback.<Feedback>findByIdOptional(id).filter(f -> caller.isOps() || f.userId.equals(caller.userId()))
                .map(FeedbackView::of).orElseThrow(() -> ProblemException.notFound("Feedback " + id));
    }
}
