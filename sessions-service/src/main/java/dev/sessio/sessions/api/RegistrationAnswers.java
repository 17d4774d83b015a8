package dev.sessio.sessions.api;

import dev.sessio.runtime.config.PlatformConfig;
import dev.sessio.runtime.idempotency.IdempotencyInterceptor;
import dev.sessio.runtime.idempotency.Idempotent;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.runtime.wait.Decisions;
import dev.sessio.runtime.wait.PreferWait;
import dev.sessio.sessions.config.SessionsConfig;
import dev.sessio.sessions.domain.Refusals;
import dev.sessio.sessions.domain.Registration;
import dev.sessio.sessions.domain.Registrations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * The registration saga's answer in the request itself: the PENDING registration is stored (once per
 * Idempotency-Key), then the request waits, holding no thread and no connection, until the saga's decision is
 * announced ({@link Decisions}) or the wait ({@code Prefer: wait=N}) runs out.
 */
@ApplicationScoped
public class RegistrationAnswers {

    /** Seconds a client is told to come back after when the decision is not there yet. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final Registrations registrations;
    private final Decisions decisions;
    private final Caller caller;
    private final PlatformConfig platform;
    private final ZoneId zone;
    private final String buyTokensLink;

    public RegistrationAnswers(Registrations registrations, Decisions decisions, Caller caller, PlatformConfig platform,
                               SessionsConfig config) {
        this.registrations = registrations;
        this.decisions = decisions;
        this.caller = caller;
        this.platform = platform;
        this.zone = config.displayZone();
        this.buyTokensLink = config.buyTokensLink();
    }

    PreferWait preference(String prefer) {
        return PreferWait.of(prefer, platform.decisions().defaultWait(), platform.decisions().maxWait());
    }

    /** Step 1 of the saga, stored with its answer under the Idempotency-Key: always {@code 202} with the PENDING registration. */
    @Idempotent
    public Response request(UUID sessionId) {
        Registration registration = registrations.register(sessionId, caller.organisationId(), caller.userId());
        return Response.accepted(RegistrationView.of(registration, zone)).location(location(registration.id)).build();
    }

    /** The answer to the POST: {@code 201} confirmed, {@code 409} rejected, or {@code 202} still pending after the wait. */
    Uni<Response> answer(Response stored, PreferWait wait) {
        boolean replayed = stored.getHeaderString(IdempotencyInterceptor.REPLAYED_HEADER) != null;
        return answerFor(stored, wait).map(answer -> replayed ? Response.fromResponse(answer)
                .header(IdempotencyInterceptor.REPLAYED_HEADER, "true").build() : answer);
    }

    private Uni<Response> answerFor(Response stored, PreferWait wait) {
        RegistrationView pending;
        if (stored.getEntity() instanceof RegistrationView view) {
            pending = view;
        } else {
            // A replay (same Idempotency-Key): the stored answer is the first one; answer what is true now.
            UUID id = UUID.fromString(stored.getLocation().getPath().replaceAll(".*/", ""));
            pending = registrations.find(id).map(r -> RegistrationView.of(r, zone))
                    .orElseThrow(() -> ProblemException.notFound("Registration " + id));
            if (!"PENDING".equals(pending.status())) {
                return Uni.createFrom().item(() -> decided(pending, wait, true));
            }
        }
        return decisions.await(pending.id().toString(), wait.duration())
                .map(outcome -> outcome.map(o -> applyOutcome(pending, o))
                        .map(view -> decided(view, wait, true))
                        .orElseGet(() -> stillPending(pending, wait)));
    }

    /** {@code GET /api/registrations/{id}}: at once when decided, else after the wait: {@code 200} either way. */
    Uni<Response> read(RegistrationView current, PreferWait wait) {
        if (!"PENDING".equals(current.status()) || wait.duration().isZero()) {
            return Uni.createFrom().item(() -> withRetryHint(Response.ok(current), current, wait).build());
        }
        return decisions.await(current.id().toString(), wait.duration())
                .map(outcome -> {
                    RegistrationView view = outcome.map(o -> applyOutcome(current, o)).orElse(current);
                    return withRetryHint(Response.ok(view), view, wait).build();
                });
    }

    private Response decided(RegistrationView view, PreferWait wait, boolean post) {
        if ("REJECTED".equals(view.status())) {
            throw rejection(view);
        }
        Response.ResponseBuilder answer = "CONFIRMED".equals(view.status()) && post
                ? Response.created(location(view.id())).entity(view)
                : Response.ok(view).location(location(view.id()));
        return applied(answer, wait).build();
    }

    private static Response stillPending(RegistrationView view, PreferWait wait) {
        return withRetryHint(Response.accepted(view).location(location(view.id())), view, wait).build();
    }

    private static Response.ResponseBuilder withRetryHint(Response.ResponseBuilder answer, RegistrationView view,
                                                          PreferWait wait) {
        if ("PENDING".equals(view.status())) {
            answer.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return applied(answer, wait);
    }

    private static Response.ResponseBuilder applied(Response.ResponseBuilder answer, PreferWait wait) {
        Optional.ofNullable(wait.applied()).ifPresent(applied -> answer.header("Preference-Applied", applied));
        return answer;
    }

    private ProblemException rejection(RegistrationView view) {
        ProblemException problem = "INSUFFICIENT_TOKENS".equals(view.rejectionReason())
                ? Refusals.insufficientTokens(buyTokensLink)
                : ProblemException.conflict("registration-rejected", "Registration rejected",
                "The registration was rejected: " + view.rejectionReason());
        return problem.with("registrationId", view.id()).with("registrationStatus", "REJECTED")
                .with("reason", view.rejectionReason());
    }

    private static RegistrationView applyOutcome(RegistrationView pending, String outcome) {
        return outcome.startsWith("REJECTED ")
                ? pending.decided("REJECTED", outcome.substring("REJECTED ".length()))
                : pending.decided(outcome, null);
    }

    static URI location(UUID registrationId) {
        return URI.create("/api/registrations/" + registrationId);
    }
}
