package dev.sessio.sessions.domain;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionRescheduled;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.sessions.config.SessionsConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The webinar catalogue: scheduling, rescheduling and cancelling sessions, and reading them. */
@ApplicationScoped
public class Catalogue {

    /** What ops or a trainer ask to schedule. {@code registrationClosesAt} null means "at the start". */
    public record NewSession(String title, String theme, String description, Instant startsAt, int durationMinutes,
                             String trainerId, Integer capacity, Instant registrationClosesAt) {
    }

    private final Outbox outbox;
    private final SessionsConfig config;
    private final java.time.Clock clock;

    public Catalogue(Outbox outbox, SessionsConfig config, java.time.Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public CatalogueSession schedule(NewSession request, String createdBy) {
        Instant now = clock.instant();
        Theme theme = Theme.byName(request.theme()).filter(t -> t.active)
                .orElseThrow(() -> Refusals.invalidField("theme", "must be one of " + themeNames()));
        checkDuration(request.durationMinutes());
        if (!request.startsAt().isAfter(now)) {
            throw Refusals.startsInPast();
        }
        Instant closes = request.registrationClosesAt() == null ? request.startsAt() : request.registrationClosesAt();
        checkClosing(closes, request.startsAt());
        Instant endsAt = request.startsAt().plus(Duration.ofMinutes(request.durationMinutes()));
        lockTrainer(request.trainerId());
        checkTrainerFree(request.trainerId(), request.startsAt(), endsAt, null);

        CatalogueSession session = new CatalogueSession();
        session.id = UUID.randomUUID();
        session.title = request.title().strip();
        session.theme = theme.name;
        session.description = request.description();
        session.startsAt = request.startsAt();
        session.durationMinutes = request.durationMinutes();
        session.endsAt = endsAt;
        session.trainerId = request.trainerId();
        session.capacity = request.capacity();
        session.registrationClosesAt = closes;
        session.status = CatalogueSession.Status.SCHEDULED;
        session.createdBy = createdBy;
        session.createdAt = now;
        session.persist();
        outbox.record(new SessionScheduled(session.id, SessionKind.WEBINAR, session.title, session.theme,
                session.startsAt, session.durationMinutes, session.trainerId, null, null, session.capacity), session.id);
        return session;
    }

    /**
     * Moves a session; the registration closing time moves with it (same distance before the start) unless given.
     */
    @Transactional
    public CatalogueSession reschedule(UUID id, Instant startsAt, int durationMinutes, Instant registrationClosesAt) {
        Instant now = clock.instant();
        CatalogueSession session = lockSession(id);
        if (session.isCancelled()) {
            throw sessionCancelled();
        }
        if (session.hasStarted(now)) {
            throw sessionPast();
        }
        checkDuration(durationMinutes);
        if (!startsAt.isAfter(now)) {
            throw Refusals.startsInPast();
        }
        Instant closes = registrationClosesAt != null ? registrationClosesAt
                : startsAt.minus(Duration.between(session.registrationClosesAt, session.startsAt));
        checkClosing(closes, startsAt);
        Instant endsAt = startsAt.plus(Duration.ofMinutes(durationMinutes));
        lockTrainer(session.trainerId);
        checkTrainerFree(session.trainerId, startsAt, endsAt, session.id);

        Instant previous = session.startsAt;
        session.startsAt = startsAt;
        session.durationMinutes = durationMinutes;
        session.endsAt = endsAt;
        session.registrationClosesAt = closes;
        session.scheduleSequence++;
        outbox.record(new SessionRescheduled(session.id, SessionKind.WEBINAR, session.title, previous, startsAt,
                durationMinutes, session.scheduleSequence), session.id);
        return session;
    }

    /**
     * Cancels a whole session: every live registration is cancelled with its token refundable. A registration still
     * PENDING gets its {@code RegistrationCancelled} once its debit lands (see {@link RegistrationSaga}).
     */
    @Transactional
    public CatalogueSession cancel(UUID id, String reason, String cancelledBy) {
        Instant now = clock.instant();
        CatalogueSession session = lockSession(id);
        if (session.isCancelled()) {
            throw sessionCancelled();
        }
        if (session.hasStarted(now)) {
            throw sessionPast();
        }
        session.status = CatalogueSession.Status.CANCELLED;
        session.cancellationReason = reason;
        session.cancelledBy = cancelledBy;
        session.cancelledAt = now;
        outbox.record(new SessionCancelled(session.id, SessionKind.WEBINAR, session.title, session.startsAt, reason),
                session.id);
        List<Registration> live = Registration.list("session.id = ?1 and status in ?2 order by requestedAt",
                session.id, List.of(Registration.Status.PENDING, Registration.Status.CONFIRMED));
        for (Registration registration : live) {
            boolean pending = registration.status == Registration.Status.PENDING;
            registration.status = Registration.Status.CANCELLED;
            registration.cancelledAt = now;
            registration.cancelledBy = cancelledBy;
            registration.refundable = true;
            registration.awaitingDebit = pending;
            if (!pending) {
                outbox.record(new RegistrationCancelled(registration.id, session.id, registration.organisationId,
                        true, cancelledBy, session.startsAt), session.id);
            }
        }
        return session;
    }

    public Optional<CatalogueSession> find(UUID id) {
        return CatalogueSession.findByIdOptional(id);
    }

    /** Scheduled (not cancelled) sessions starting in [from, to), optionally of one theme, soonest first. */
    public List<CatalogueSession> published(Instant from, Instant to, String theme, int page, int size) {
        return publishedQuery(from, to, theme).page(Page.of(page, size)).list();
    }

    public long countPublished(Instant from, Instant to, String theme) {
        return publishedQuery(from, to, theme).count();
    }

    private io.quarkus.hibernate.orm.panache.PanacheQuery<CatalogueSession> publishedQuery(Instant from, Instant to,
                                                                                         String theme) {
        Parameters parameters = Parameters.with("from", from).and("to", to).and("status", CatalogueSession.Status.SCHEDULED);
        String where = "status = :status and startsAt >= :from and startsAt < :to";
        if (theme != null && !theme.isBlank()) {
            where += " and lower(theme) = lower(:theme)";
            parameters.and("theme", theme.strip());
        }
        return CatalogueSession.find(where + " order by startsAt, id", parameters);
    }

    /** Sessions a trainer gives, starting in [from, to), soonest first. */
    public List<CatalogueSession> ofTrainer(String trainerId, Instant from, Instant to, int page, int size) {
        return CatalogueSession.find("trainerId = ?1 and startsAt >= ?2 and startsAt < ?3 order by startsAt, id",
                trainerId, from, to).page(Page.of(page, size)).list();
    }

    public long countOfTrainer(String trainerId, Instant from, Instant to) {
        return CatalogueSession.count("trainerId = ?1 and startsAt >= ?2 and startsAt < ?3", trainerId, from, to);
    }

    /** PENDING + CONFIRMED registrations per session: what takes a place. */
    public Map<UUID, Long> liveRegistrations(List<UUID> sessionIds) {
        Map<UUID, Long> counts = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = Panache.getEntityManager().createQuery(
                        "select r.session.id, count(r) from Registration r where r.session.id in :ids "
                                + "and r.status in :live group by r.session.id", Object[].class)
                .setParameter("ids", sessionIds)
                .setParameter("live", List.of(Registration.Status.PENDING, Registration.Status.CONFIRMED))
                .getResultList();
        rows.forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        return counts;
    }

    public List<Theme> themes() {
        return Theme.activeOnes();
    }

    @Transactional
    public Theme addTheme(String name) {
        Optional<Theme> existing = Theme.byName(name);
        if (existing.isPresent()) {
            existing.get().active = true;
            return existing.get();
        }
        Theme theme = new Theme();
        theme.name = name.strip();
        theme.active = true;
        theme.createdAt = clock.instant();
        theme.persist();
        return theme;
    }

    /** Retires a theme: no new session may use it; existing sessions keep it. */
    @Transactional
    public boolean retireTheme(String name) {
        return Theme.byName(name).map(theme -> {
            theme.active = false;
            return true;
        }).orElse(false);
    }

    static CatalogueSession lockSession(UUID id) {
        return Optional.ofNullable(CatalogueSession.<CatalogueSession>findById(id, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> ProblemException.notFound("Session " + id));
    }

    static ProblemException sessionCancelled() {
        return ProblemException.conflict("session-cancelled", "Session cancelled", "This session was cancelled");
    }

    static ProblemException sessionPast() {
        return ProblemException.conflict("session-past", "Session started or past",
                "This session has already started");
    }

    private void checkDuration(int minutes) {
        if (!config.webinarDurations().contains(minutes)) {
            throw Refusals.invalidField("durationMinutes", "must be one of " + config.webinarDurations());
        }
    }

    private static void checkClosing(Instant closes, Instant startsAt) {
        if (closes.isAfter(startsAt)) {
            throw Refusals.invalidField("registrationClosesAt", "must not be after the start");
        }
    }

    /** Serialises scheduling per trainer, so two overlapping creations cannot both pass the check. */
    private static void lockTrainer(String trainerId) {
        Panache.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked")
                .setParameter("key", "trainer:" + trainerId).getSingleResult();
    }

    private static void checkTrainerFree(String trainerId, Instant startsAt, Instant endsAt, UUID except) {
        Optional<CatalogueSession> clash = CatalogueSession.<CatalogueSession>find(
                "trainerId = ?1 and status = ?2 and startsAt < ?3 and endsAt > ?4 and id <> ?5",
                trainerId, CatalogueSession.Status.SCHEDULED, endsAt, startsAt,
                except == null ? new UUID(0, 0) : except).firstResultOptional();
        clash.ifPresent(other -> {
            throw ProblemException.conflict("trainer-unavailable", "Trainer unavailable",
                    "The trainer already gives a session at that time").with("conflictingSessionId", other.id);
        });
    }

    private static List<String> themeNames() {
        return Theme.activeOnes().stream().map(t -> t.name).toList();
    }
}
