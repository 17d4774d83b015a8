package dev.sessio.sessions.domain;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationRequested;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.sessions.config.SessionsConfig;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Schools registering to catalogue sessions (step 1 of the saga) and cancelling their registrations. */
@ApplicationScoped
public class Registrations {

    public enum When { UPCOMING, PAST }

    private final Outbox outbox;
    private final SessionsConfig config;
    private final Clock clock;

    public Registrations(Outbox outbox, SessionsConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Stores a PENDING registration and emits {@code RegistrationRequested}; tokens-service then debits or rejects.
     * The session row is locked so capacity and "one per organisation" hold under concurrent requests.
     */
    @Transactional
    public Registration register(UUID sessionId, UUID organisationId, String requestedBy) {
        Instant now = clock.instant();
        CatalogueSession session = Catalogue.lockSession(sessionId);
        if (session.isCancelled()) {
            throw Catalogue.sessionCancelled();
        }
        if (session.hasStarted(now)) {
            throw Catalogue.sessionPast();
        }
        if (!now.isBefore(session.registrationClosesAt)) {
            throw ProblemException.conflict("registration-closed", "Registration closed",
                    "Registration to this session closed at " + session.registrationClosesAt);
        }
        Optional<Registration> existing = Registration.find("session.id = ?1 and organisationId = ?2 and status in ?3",
                sessionId, organisationId, List.of(Registration.Status.PENDING, Registration.Status.CONFIRMED))
                .firstResultOptional();
        if (existing.isPresent()) {
            throw ProblemException.conflict("already-registered", "Already registered",
                    "Your organisation is already registered to this session")
                    .with("registrationId", existing.get().id);
        }
        if (session.capacity != null && liveCount(sessionId) >= session.capacity) {
            throw ProblemException.conflict("session-full", "Session full", "This session has no place left");
        }
        OrganisationBalance balance = OrganisationBalance.findById(organisationId);
        if (balance != null && balance.balance <= 0) {
            throw Refusals.insufficientTokens(config.buyTokensLink());
        }
        Registration registration = new Registration();
        registration.id = UUID.randomUUID();
        registration.session = session;
        registration.organisationId = organisationId;
        registration.status = Registration.Status.PENDING;
        registration.requestedBy = requestedBy;
        registration.requestedAt = now;
        registration.persist();
        outbox.record(new RegistrationRequested(registration.id, sessionId, organisationId, requestedBy,
                session.startsAt), sessionId);
        return registration;
    }

    /**
     * A school cancels its confirmed registration: refundable when at least the configured time (48 h) before the
     * start. Cancelling an already cancelled registration answers it again and emits nothing.
     */
    @Transactional
    public Registration cancel(UUID registrationId, UUID organisationId, String cancelledBy) {
        Instant now = clock.instant();
        Registration registration = Optional.ofNullable(
                        Registration.<Registration>findById(registrationId, LockModeType.PESSIMISTIC_WRITE))
                .filter(r -> r.organisationId.equals(organisationId))
                .orElseThrow(() -> ProblemException.notFound("Registration " + registrationId));
        org.hibernate.Hibernate.initialize(registration.session); // the answer shows it after commit
        switch (registration.status) {
            case CANCELLED -> {
                return registration;
            }
            case PENDING -> throw ProblemException.conflict("registration-pending", "Registration pending",
                    "This registration is still being paid for; cancel it once it is confirmed");
            case REJECTED -> throw ProblemException.conflict("registration-rejected", "Registration rejected",
                    "A rejected registration cannot be cancelled");
            case CONFIRMED -> {
            }
        }
        CatalogueSession session = registration.session;
        if (session.hasStarted(now)) {
            throw Catalogue.sessionPast();
        }
        boolean refundable = !now.isAfter(session.startsAt.minus(config.cancellation().refundableBefore()));
        registration.status = Registration.Status.CANCELLED;
        registration.cancelledAt = now;
        registration.cancelledBy = cancelledBy;
        registration.refundable = refundable;
        outbox.record(new RegistrationCancelled(registration.id, session.id, organisationId, refundable, cancelledBy,
                session.startsAt), session.id);
        return registration;
    }

    public Optional<Registration> find(UUID id) {
        return Registration.find("from Registration r join fetch r.session where r.id = ?1", id).firstResultOptional();
    }

    /** The organisation's registrations: upcoming (not yet ended, soonest first) or past (latest first). */
    public List<Registration> ofOrganisation(UUID organisationId, When when, int page, int size) {
        String order = when == When.UPCOMING ? " order by r.session.startsAt, r.requestedAt"
                : " order by r.session.startsAt desc, r.requestedAt desc";
        return Registration.find("from Registration r join fetch r.session where r.organisationId = ?1 and "
                        + periodClause(when) + order, organisationId, clock.instant())
                .page(Page.of(page, size)).list();
    }

    public long countOfOrganisation(UUID organisationId, When when) {
        return Registration.count("organisationId = ?1 and " + periodClause(when).replace("r.session", "session"),
                organisationId, clock.instant());
    }

    /** Live (PENDING or CONFIRMED) registrations of a session, oldest first. */
    public List<Registration> liveOfSession(UUID sessionId) {
        return Registration.list("session.id = ?1 and status in ?2 order by requestedAt", sessionId,
                List.of(Registration.Status.PENDING, Registration.Status.CONFIRMED));
    }

    private static String periodClause(When when) {
        return when == When.UPCOMING ? "r.session.endsAt > ?2" : "r.session.endsAt <= ?2";
    }

    private static long liveCount(UUID sessionId) {
        return Registration.count("session.id = ?1 and status in ?2", sessionId,
                List.of(Registration.Status.PENDING, Registration.Status.CONFIRMED));
    }
}
