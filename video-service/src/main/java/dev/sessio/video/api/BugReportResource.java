package dev.sessio.video.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.video.domain.BugReport;
import dev.sessio.video.domain.BugReports;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Ops' list and triage of bug reports; a reporter may read their own. Filing one is on the room. */
@Bulkheaded
@Path("/api/video/bug-reports")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bug reports", description = "Video problems reported by participants, triaged by ops")
public class BugReportResource {

    static final String PROBLEM = "application/problem+json";

    private final BugReports bugReports;
    private final Caller caller;

    public BugReportResource(BugReports bugReports, Caller caller) {
        this.bugReports = bugReports;
        this.caller = caller;
    }

    public record Triage(@NotNull BugReport.Status status, @Size(max = 2000) String note) {
    }

    @GET
    @RolesAllowed("ops")
    @Operation(summary = "Bug reports, newest first (ops)")
    @APIResponse(responseCode = "200", description = "A page of reports")
    @APIResponse(responseCode = "403", description = "Not ops", content = @Content(mediaType = PROBLEM))
    public BugReportView.Page<BugReportView> list(@QueryParam("status") BugReport.Status status,
                                                  @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                  @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return new BugReportView.Page<>(bugReports.list(status, page, size).stream().map(BugReportView::of).toList(),
                page, size, bugReports.count(status));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One bug report (ops, or its reporter)")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "404", description = "Unknown, or not yours", content = @Content(mediaType = PROBLEM))
    public BugReportView get(@PathParam("id") UUID id) {
        return BugReportView.of(bugReports.get(id, caller.userId(), caller.isOps()));
    }

    @POST
    @Path("/{id}/triage")
    @RolesAllowed("ops")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a report's status and note (ops)")
    @APIResponse(responseCode = "200", description = "The triaged report")
    @APIResponse(responseCode = "400", description = "Invalid status or note", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "Not ops", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "Unknown report", content = @Content(mediaType = PROBLEM))
    public BugReportView triage(@PathParam("id") UUID id, @Valid @NotNull Triage triage) {
        return BugReportView.of(bugReports.triage(id, triage.status(), triage.note(), caller.userId()));
    }
}
