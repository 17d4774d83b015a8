package dev.sessio.sessions.domain;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationConfirmed;
import dev.sessio.events.sessions.RegistrationRejected;
import dev.sessio.events.tokens.TokenDebitRejected;
import dev.sessio.events.tokens.TokenDebited;
import dev.sessio.runtime.inbox.PoisonEventException;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.wait.Decisions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Step 3 of the registration saga: tokens-service's answer confirms or rejects the PENDING registration, and every
 * ledger event refreshes the known balance. Runs inside the inbox's transaction (once per event).
 */
@ApplicationScoped
public class RegistrationSaga {

    private static final Logger LOG = Logger.getLogger(RegistrationSaga.class);

    private final Outbox outbox;
    private final Clock clock;
    private final Decisions decisions;

    public RegistrationSaga(Outbox outbox, Clock clock, Decisions decisions) {
        this.outbox = outbox;
        this.clock = clock;
        this.decisions = decisions;
    }

    /** What a request waiting on the registration (on any replica) hears at commit: {@code CONFIRMED} or {@code REJECTED <reason>}. */
    public static String outcome(Registration registration) {
        return registration.status == Registration.Status.REJECTED
                ? "REJECTED " + registration.rejectionReason : registration.status.name();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void debited(TokenDebited event, String eventId) {
        knownBalance(event.organisationId(), event.balanceAfter(), eventId);
        Registration registration = registration(event.registrationId(), "TokenDebited");
        CatalogueSession session = registration.session;
        switch (registration.status) {
            case PENDING -> {
                registration.status = Registration.Status.CONFIRMED;
                registration.decidedAt = clock.instant();
                outbox.record(new RegistrationConfirmed(registration.id, session.id, registration.organisationId,
                        session.title, session.startsAt, session.durationMinutes), session.id);
                decisions.announce(registration.id.toString(), outcome(registration));
            }
            case CANCELLED -> {
                if (registration.awaitingDebit) {
                    // Cancelled with its session while the debit was on its way: give the token back now.
                    registration.awaitingDebit = false;
                    outbox.record(new RegistrationCancelled(registration.id, session.id, registration.organisationId,
                            true, registration.cancelledBy, session.startsAt), session.id);
                }
            }
            default -> LOG.warnf("TokenDebited for registration %s in status %s: ignored", registration.id,
                    registration.status);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void rejected(TokenDebitRejected event, String eventId) {
        knownBalance(event.organisationId(), event.balance(), eventId);
        Registration registration = registration(event.registrationId(), "TokenDebitRejected");
        switch (registration.status) {
            case PENDING -> {
                registration.status = Registration.Status.REJECTED;
                registration.decidedAt = clock.instant();
                registration.rejectionReason = event.reason().name();
                outbox.record(new RegistrationRejected(registration.id, registration.session.id,
                        registration.organisationId, registration.rejectionReason), registration.session.id);
                decisions.announce(registration.id.toString(), outcome(registration));
            }
            case CANCELLED -> registration.awaitingDebit = false;
            default -> LOG.warnf("TokenDebitRejected for registration %s in status %s: ignored", registration.id,
                    registration.status);
        }
    }

    /** Ledger events arrive in order per organisation (the Kafka key), so the latest balanceAfter is the balance. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void knownBalance(UUID organisationId, int balance, String eventId) {
        OrganisationBalance known = OrganisationBalance.findById(organisationId, LockModeType.PESSIMISTIC_WRITE);
        if (known == null) {
            known = new OrganisationBalance();
            known.organisationId = organisationId;
            known.balance = balance;
            known.updatedAt = Instant.now(clock);
            known.lastEventId = eventId;
            known.persist();
            return;
        }
        known.balance = balance;
        known.updatedAt = Instant.now(clock);
        known.lastEventId = eventId;
    }

    /**
     * A new organisation (accounts-service's sign-up) has 0 tokens until the ledger says otherwise: its first
     * registration is refused at once with the way to buy tokens. A balance already known is left as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void organisationKnown(UUID organisationId, String eventId) {
        OrganisationBalance.getEntityManager().createNativeQuery("""
                        INSERT INTO organisation_balance (organisation_id, balance, updated_at, last_event_id)
                        VALUES (?1, 0, ?2, ?3) ON CONFLICT DO NOTHING""")
                .setParameter(1, organisationId).setParameter(2, Instant.now(clock)).setParameter(3, eventId)
                .executeUpdate();
    }

    /** A debit answer for a registration this service never asked for cannot be applied: dead-letter it. */
    private static Registration registration(UUID id, String what) {
        Registration registration = Registration.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (registration == null) {
            throw new PoisonEventException(what + " for unknown registration " + id);
        }
        return registration;
    }
}
