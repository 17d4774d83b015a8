package dev.sessio.sessions.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.idempotency.Idempotent;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.sessions.config.SessionsConfig;
import dev.sessio.sessions.domain.Catalogue;
import dev.sessio.sessions.domain.CatalogueSession;
import dev.sessio.sessions.domain.Refusals;
import dev.sessio.sessions.domain.Registration;
import dev.sessio.sessions.domain.Registrations;
import dev.sessio.runtime.wait.PreferWait;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Bulkheaded
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue", description = "Webinar sessions, themes and registrations to them")
@RunOnVirtualThread
public class CatalogueResource {

    public record ScheduleRequest(@NotBlank @Size(max = 200) String title, @NotBlank String theme,
                                  @Size(max = 5000) String description, @NotNull OffsetDateTime startsAt,
                                  @NotNull Integer durationMinutes,
                                  @Schema(description = "required for ops; a trainer schedules for themself")
                                  @Size(max = 255) String trainerId,
                                  @Positive Integer capacity, OffsetDateTime registrationClosesAt) {
    }

    public record RescheduleRequest(@NotNull OffsetDateTime startsAt, @NotNull Integer durationMinutes,
                                    OffsetDateTime registrationClosesAt) {
    }

    public record CancelRequest(@Size(max = 2000) String reason) {
    }

    public record ThemeRequest(@NotBlank @Size(max = 100) String name) {
    }

    public record ThemeView(String name) {
    }

    /** A trainer's session with the organisations registered to it. */
    public record TrainerSessionView(SessionView session, List<Attendee> registrations) {
    }

    public record Attendee(UUID registrationId, UUID organisationId, String status) {
    }

    private final Catalogue catalogue;
    private final Registrations registrations;
    private final RegistrationAnswers answers;
    private final Caller caller;
    private final Clock clock;
    private final ZoneId zone;

    public CatalogueResource(Catalogue catalogue, Registrations registrations, RegistrationAnswers answers,
                             Caller caller, Clock clock, SessionsConfig config) {
        this.catalogue = catalogue;
        this.registrations = registrations;
        this.answers = answers;
        this.caller = caller;
        this.clock = clock;
        this.zone = config.displayZone();
    }

    @GET
    @Path("/catalogue")
    @PermitAll
    @Operation(summary = "Published sessions in a period (public)",
            description = "Default period: the current and the next month (Europe/Paris). Cancelled sessions are left out.")
    @APIResponse(responseCode = "200", description = "A page of sessions, soonest first")
    @APIResponse(responseCode = "400", description = "Invalid dates or paging (problem+json)")
    public PageOf<SessionView> catalogue(@QueryParam("from") @Parameter(description = "first day, e.g. 2026-11-01") String from,
                                         @QueryParam("to") @Parameter(description = "last day, inclusive") String to,
                                         @QueryParam("theme") String theme,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                         @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        YearMonth current = YearMonth.now(clock.withZone(zone));
        Periods.Range range = Periods.days(from, to, current.atDay(1), current.plusMonths(1).atEndOfMonth(), zone);
        List<CatalogueSession> sessions = catalogue.published(range.from(), range.to(), theme, page, size);
        return new PageOf<>(views(sessions), page, size, catalogue.countPublished(range.from(), range.to(), theme));
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "One session (public), cancelled ones included")
    @APIResponse(responseCode = "200", description = "The session")
    @APIResponse(responseCode = "404", description = "Unknown session (problem+json)")
    public SessionView getSession(@PathParam("id") UUID id) {
        return catalogue.find(id).map(s -> view(s))
                .orElseThrow(() -> ProblemException.notFound("Session " + id));
    }

    @POST
    @Idempotent
    @RolesAllowed({"ops", "trainer"})
    @Operation(summary = "Schedule a session in the catalogue (ops, trainer)",
            description = "Emits SessionScheduled. A trainer schedules their own sessions; ops name the trainer. "
                    + "Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Scheduled; Location points to it")
    @APIResponse(responseCode = "400", description = "Invalid fields, unknown theme, duration not 60 or 90")
    @APIResponse(responseCode = "403", description = "Not ops or trainer, or a trainer scheduling for another")
    @APIResponse(responseCode = "409", description = "trainer-unavailable: the trainer already gives a session then")
    @APIResponse(responseCode = "422", description = "starts-in-past, or Idempotency-Key reused with another body")
    public Response schedule(@Valid @NotNull ScheduleRequest request) {
        String trainerId = request.trainerId();
        if (!caller.isOps()) {
            if (trainerId != null && !trainerId.equals(caller.userId())) {
                throw ProblemException.forbidden("A trainer schedules only their own sessions");
            }
            trainerId = caller.userId();
        } else if (trainerId == null || trainerId.isBlank()) {
            throw Refusals.invalidField("trainerId", "is required");
        }
        CatalogueSession session = catalogue.schedule(new Catalogue.NewSession(request.title(), request.theme(),
                request.description(), request.startsAt().toInstant(), request.durationMinutes(), trainerId,
                request.capacity(), request.registrationClosesAt() == null ? null
                : request.registrationClosesAt().toInstant()), caller.userId());
        return Response.created(URI.create("/api/sessions/" + session.id)).entity(view(session)).build();
    }

    @POST
    @Path("/{id}/reschedule")
    @RolesAllowed("ops")
    @Operation(summary = "Move a session (ops)",
            description = "Emits SessionRescheduled with an increased sequence. Registrations stay.")
    @APIResponse(responseCode = "200", description = "The moved session")
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "Unknown session")
    @APIResponse(responseCode = "409", description = "session-cancelled, session-past, trainer-unavailable")
    @APIResponse(responseCode = "422", description = "starts-in-past")
    public SessionView rescheduleSession(@PathParam("id") UUID id, @Valid @NotNull RescheduleRequest request) {
        return view(catalogue.reschedule(id, request.startsAt().toInstant(), request.durationMinutes(),
                request.registrationClosesAt() == null ? null : request.registrationClosesAt().toInstant()));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed("ops")
    @Operation(summary = "Cancel a whole session (ops)",
            description = "Emits SessionCancelled and, per registered organisation, a refundable RegistrationCancelled.")
    @APIResponse(responseCode = "200", description = "The cancelled session")
    @APIResponse(responseCode = "404", description = "Unknown session")
    @APIResponse(responseCode = "409", description = "session-cancelled (already), session-past")
    public SessionView cancelSession(@PathParam("id") UUID id, @Valid CancelRequest request) {
        return view(catalogue.cancel(id, request == null ? null : request.reason(), caller.userId()));
    }

    @GET
    @Path("/mine")
    @RolesAllowed("trainer")
    @Operation(summary = "The sessions I give (trainer), with the registered organisations",
            description = "Default period: from today on, 12 months.")
    @APIResponse(responseCode = "200", description = "A page of sessions, soonest first")
    public PageOf<TrainerSessionView> mine(@QueryParam("from") String from, @QueryParam("to") String to,
                                           @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                           @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Periods.Range range = Periods.days(from, to, today, today.plusMonths(12), zone);
        List<CatalogueSession> sessions = catalogue.ofTrainer(caller.userId(), range.from(), range.to(), page, size);
        Map<UUID, Long> live = catalogue.liveRegistrations(sessions.stream().map(s -> s.id).toList());
        Instant now = clock.instant();
        List<TrainerSessionView> items = sessions.stream().map(s -> new TrainerSessionView(
                SessionView.of(s, live.getOrDefault(s.id, 0L), now, zone), attendees(s.id))).toList();
        return new PageOf<>(items, page, size, catalogue.countOfTrainer(caller.userId(), range.from(), range.to()));
    }

    @GET
    @Path("/{id}/registrations")
    @RolesAllowed({"ops", "trainer"})
    @Operation(summary = "Organisations registered to a session (ops, its trainer)")
    @APIResponse(responseCode = "200", description = "Live (pending and confirmed) registrations")
    @APIResponse(responseCode = "404", description = "Unknown session, or a session the trainer does not give")
    public List<Attendee> attendeesOf(@PathParam("id") UUID id) {
        CatalogueSession session = catalogue.find(id)
                .filter(s -> caller.isOps() || s.trainerId.equals(caller.userId()))
                .orElseThrow(() -> ProblemException.notFound("Session " + id));
        return attendees(session.id);
    }

    @POST
    @Path("/{id}/registrations")
    @RolesAllowed({"school-admin", "partner"})
    @Operation(summary = "Register my organisation to a session (school-admin, partner)",
            description = "Starts the registration saga and waits for its decision: by default about 2 s, or what "
                    + "`Prefer: wait=N` asks (RFC 7240, at most 8 s; `Prefer: respond-async` does not wait). "
                    + "Decided in time: 201 CONFIRMED (token debited) or 409 insufficient-tokens. Not decided in "
                    + "time: 202 PENDING with Location and Retry-After; GET /api/registrations/{id} with "
                    + "`Prefer: wait=N` then waits for the rest. Accepts Idempotency-Key: the same key answers what "
                    + "is true now for that registration.")
    @APIResponse(responseCode = "201", description = "CONFIRMED: the token was debited; Location points to it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegistrationView.class)))
    @APIResponse(responseCode = "202", description = "PENDING after the wait; Location points to it, Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegistrationView.class)))
    @APIResponse(responseCode = "403", description = "Not school-admin or partner, or no organisation")
    @APIResponse(responseCode = "404", description = "Unknown session")
    @APIResponse(responseCode = "409", description = "insufficient-tokens (with buyTokens link; at once or as the "
            + "saga's decision, then with registrationId), already-registered, registration-closed, session-full, "
            + "session-cancelled, session-past")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another request")
    public Uni<Response> register(@PathParam("id") UUID id,
                                  @HeaderParam("Prefer") @Parameter(description = "wait=N: seconds to wait for the "
                                          + "decision (RFC 7240)") String prefer) {
        PreferWait wait = answers.preference(prefer);
        return answers.answer(answers.request(id), wait);
    }

    @GET
    @Path("/themes")
    @PermitAll
    @Operation(summary = "The themes sessions may have (public)")
    @APIResponse(responseCode = "200", description = "Active themes by name")
    public List<ThemeView> themes() {
        return catalogue.themes().stream().map(t -> new ThemeView(t.name)).toList();
    }

    @POST
    @Path("/themes")
    @RolesAllowed("ops")
    @Operation(summary = "Add (or re-activate) a theme (ops)")
    @APIResponse(responseCode = "201", description = "The theme")
    @APIResponse(responseCode = "400", description = "Invalid name")
    public Response addTheme(@Valid @NotNull ThemeRequest request) {
        String name = catalogue.addTheme(request.name()).name;
        return Response.created(URI.create("/api/sessions/themes")).entity(new ThemeView(name)).build();
    }

    @DELETE
    @Path("/themes/{name}")
    @RolesAllowed("ops")
    @Operation(summary = "Retire a theme (ops): no new session may use it")
    @APIResponse(responseCode = "204", description = "Retired")
    @APIResponse(responseCode = "404", description = "Unknown theme")
    public void retireTheme(@PathParam("name") String name) {
        if (!catalogue.retireTheme(name)) {
            throw ProblemException.notFound("Theme " + name);
        }
    }

    private List<Attendee> attendees(UUID sessionId) {
        return registrations.liveOfSession(sessionId).stream()
                .map(r -> new Attendee(r.id, r.organisationId, r.status.name())).toList();
    }

    private SessionView view(CatalogueSession session) {
        long live = catalogue.liveRegistrations(List.of(session.id)).getOrDefault(session.id, 0L);
        return SessionView.of(session, live, clock.instant(), zone);
    }

    private List<SessionView> views(List<CatalogueSession> sessions) {
        Map<UUID, Long> live = catalogue.liveRegistrations(sessions.stream().map(s -> s.id).toList());
        Instant now = clock.instant();
        return sessions.stream().map(s -> SessionView.of(s, live.getOrDefault(s.id, 0L), now, zone)).toList();
    }
}
