package dev.sessio.sessions.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.events.sessions.MentoringSessionReported;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.runtime.idempotency.Idempotent;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.sessions.config.SessionsConfig;
import dev.sessio.sessions.domain.MentorBilling;
import dev.sessio.sessions.domain.MentoringSession;
import dev.sessio.sessions.domain.MentoringSessions;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

@Bulkheaded
@Path("/api/mentoring")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Mentoring", description = "Mentoring sessions and defences, reports, billing, ops checks")
@RunOnVirtualThread
public class MentoringResource {

    public record PlanRequest(@NotBlank @Size(max = 255) String studentId, @NotNull OffsetDateTime startsAt,
                              @NotNull @Min(15) @Max(240) Integer durationMinutes, @NotNull SessionKind kind,
                              @Size(max = 200) String title) {
    }

    public record ReportRequest(@NotNull MentoringSessionReported.Status status, @Size(max = 10000) String notes,
                                MentoringSessionReported.VideoNotUsedReason videoNotUsedReason,
                                @Size(max = 2000) String videoNotUsedDetails,
                                MentoringSession.CancelledBy cancelledBy, OffsetDateTime cancelledAt) {
    }

    public record AttentionView(MentoringSessionView session, List<MentorBilling.Attention> reasons) {
    }

    private final MentoringSessions sessions;
    private final MentorBilling billing;
    private final Caller caller;
    private final JsonWebToken jwt;
    private final Clock clock;
    private final ZoneId zone;

    public MentoringResource(MentoringSessions sessions, MentorBilling billing, Caller caller, JsonWebToken jwt,
                             Clock clock, SessionsConfig config) {
        this.sessions = sessions;
        this.billing = billing;
        this.caller = caller;
        this.jwt = jwt;
        this.clock = clock;
        this.zone = config.displayZone();
    }

    @POST
    @Path("/sessions")
    @Idempotent
    @RolesAllowed("mentor")
    @Operation(summary = "Plan a mentoring session or defence with a student (mentor)",
            description = "Emits SessionScheduled with the kind; video-service makes the room (defences are recorded). "
                    + "Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Planned; Location points to it")
    @APIResponse(responseCode = "400", description = "Invalid fields (kind must be MENTORING or DEFENCE)")
    @APIResponse(responseCode = "409", description = "mentor-unavailable: another session at that time")
    @APIResponse(responseCode = "422", description = "starts-in-past, or Idempotency-Key reused with another body")
    public Response plan(@Valid @NotNull PlanRequest request) {
        MentoringSession session = sessions.plan(caller.userId(), jwt.getClaim("email"), new MentoringSessions.Plan(request.studentId(),
                request.startsAt().toInstant(), request.durationMinutes(), request.kind(), request.title()));
        return Response.created(URI.create("/api/mentoring/sessions/" + session.id))
                .entity(MentoringSessionView.of(session, zone)).build();
    }

    @GET
    @Path("/sessions")
    @RolesAllowed({"mentor", "student", "ops"})
    @Operation(summary = "Mentoring sessions: a mentor's or a student's own; ops see all",
            description = "Filters mentorId and studentId are for ops; from/to are days (Europe/Paris), open-ended by default.")
    @APIResponse(responseCode = "200", description = "A page of sessions, soonest first")
    public PageOf<MentoringSessionView> listMentoringSessions(@QueryParam("from") String from, @QueryParam("to") String to,
                                             @QueryParam("mentorId") String mentorId,
                                             @QueryParam("studentId") String studentId,
                                             @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                             @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        MentoringSessions.Viewer viewer = viewer();
        Periods.Range range = Periods.openDays(from, to, zone);
        String mentor = viewer.ops() ? mentorId : null;
        String student = viewer.ops() ? studentId : null;
        List<MentoringSessionView> items = sessions.list(viewer, mentor, student, range.from(), range.to(), page, size)
                .stream().map(s -> MentoringSessionView.of(s, zone)).toList();
        return new PageOf<>(items, page, size, sessions.count(viewer, mentor, student, range.from(), range.to()));
    }

    @GET
    @Path("/sessions/{id}")
    @RolesAllowed({"mentor", "student", "ops"})
    @Operation(summary = "One mentoring session (its mentor, its student, ops)")
    @APIResponse(responseCode = "200", description = "The session, its tags, video facts and report")
    @APIResponse(responseCode = "404", description = "Unknown, or not one of mine")
    public MentoringSessionView getMentoringSession(@PathParam("id") UUID id) {
        return sessions.visible(id, viewer()).map(s -> MentoringSessionView.of(s, zone))
                .orElseThrow(() -> ProblemException.notFound("Mentoring session " + id));
    }

    @PUT
    @Path("/sessions/{id}/report")
    @RolesAllowed("mentor")
    @Operation(summary = "File or replace the report of my session (mentor)",
            description = "COMPLETED or STUDENT_ABSENT need videoNotUsedReason when video-service recorded no use "
                    + "of the video tool; CANCELLED needs cancelledBy (a student's cancellation inside "
                    + "sessions.billing.late-cancellation-window is late). Emits MentoringSessionReported.")
    @APIResponse(responseCode = "200", description = "The session with its report")
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "Unknown, or not my session")
    @APIResponse(responseCode = "409", description = "session-not-started: only a cancellation before the start")
    @APIResponse(responseCode = "422", description = "video-not-used-reason-required")
    public MentoringSessionView fileReport(@PathParam("id") UUID id, @Valid @NotNull ReportRequest request) {
        return MentoringSessionView.of(sessions.report(id, caller.userId(), new MentoringSessions.Report(
                request.status(), request.notes(), request.videoNotUsedReason(), request.videoNotUsedDetails(),
                request.cancelledBy(), request.cancelledAt() == null ? null : request.cancelledAt().toInstant())), zone);
    }

    @GET
    @Path("/billing")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({"mentor", "ops"})
    @Operation(summary = "Monthly billing statement (a mentor's own; ops: one mentor or all)",
            description = "One line per session starting in the month (Europe/Paris): kind, status, duration, exception "
                    + "tag, rule applied, percentage and amount; a total. CSV with Accept: text/csv or format=csv.")
    @APIResponse(responseCode = "200", description = "The statement",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON), @Content(mediaType = "text/csv")})
    @APIResponse(responseCode = "400", description = "Invalid month")
    public Response billing(@QueryParam("month") @Parameter(description = "e.g. 2026-11; default: this month") String month,
                            @QueryParam("mentorId") @Parameter(description = "ops only") String mentorId,
                            @QueryParam("format") @Parameter(description = "csv for CSV") String format,
                            @Context HttpHeaders headers) {
        YearMonth period = Periods.month(month, YearMonth.now(clock.withZone(zone)));
        String mentor = caller.isOps() ? blankToNull(mentorId) : caller.userId();
        MentorBilling.Statement statement = billing.statement(period, mentor);
        boolean csv = "csv".equalsIgnoreCase(format) || headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> "text".equals(t.getType()) && "csv".equals(t.getSubtype()));
        if (csv) {
            return Response.ok(BillingCsv.write(statement, zone), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"billing-" + period
                            + (mentor == null ? "" : "-" + mentor) + ".csv\"").build();
        }
        return Response.ok(statement, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/needs-attention")
    @RolesAllowed("ops")
    @Operation(summary = "Sessions ops should look at (ops)",
            description = "Completed without video and without reason, real duration far from the planned one, "
                    + "exceptions, not reported after the end. Default period: the current month.")
    @APIResponse(responseCode = "200", description = "Sessions with their reasons")
    public List<AttentionView> needingAttention(@QueryParam("from") String from, @QueryParam("to") String to) {
        YearMonth current = YearMonth.now(clock.withZone(zone));
        Periods.Range range = Periods.days(from, to, current.atDay(1), current.atEndOfMonth(), zone);
        return billing.needingAttention(range.from(), range.to()).stream()
                .map(n -> new AttentionView(MentoringSessionView.of(n.session(), zone), n.reasons())).toList();
    }

    @GET
    @Path("/attendance")
    @RolesAllowed("ops")
    @Operation(summary = "Attendance per student over a period (ops, for advisors)",
            description = "Sessions planned, held (completed), missed (student absent), cancelled, not reported. "
                    + "Default period: the current month.")
    @APIResponse(responseCode = "200", description = "One row per student")
    public List<MentorBilling.Attendance> attendance(@QueryParam("from") String from, @QueryParam("to") String to,
                                                     @QueryParam("studentId") String studentId) {
        YearMonth current = YearMonth.now(clock.withZone(zone));
        Periods.Range range = Periods.days(from, to, current.atDay(1), current.atEndOfMonth(), zone);
        return billing.attendance(range.from(), range.to(), blankToNull(studentId));
    }

    private MentoringSessions.Viewer viewer() {
        return new MentoringSessions.Viewer(caller.userId(), caller.isOps(), caller.hasRole("mentor"),
                caller.hasRole("student"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
