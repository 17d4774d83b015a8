package dev.sessio.tokens.events;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationRequested;
import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.events.EventTypes;
import dev.sessio.runtime.inbox.Inbox;
import dev.sessio.runtime.inbox.IncomingEvent;
import dev.sessio.tokens.domain.TokenLedger;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * tokens-service's part of the registration saga: a requested registration spends one token (or is refused for
 * lack of tokens), a refundable cancellation or a cancelled session gives it back. Each event applies once (inbox).
 */
@ApplicationScoped
public class RegistrationSaga {

    static final String CONSUMER = "tokens.sessions";

    private final Inbox inbox;
    private final TokenLedger ledger;

    public RegistrationSaga(Inbox inbox, TokenLedger ledger) {
        this.inbox = inbox;
        this.ledger = ledger;
    }

    @Incoming("sessions-events")
    @Blocking(Inbox.CONSUMER_POOL)
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch(CONSUMER, "sessions-events", records,
                Set.of(RegistrationRequested.class, RegistrationCancelled.class, SessionCancelled.class), this::apply);
    }

    /**
     * A batch's events in order; runs of consecutive requests are debited together (each account locked once,
     * in a fixed order, so two replicas' batches never deadlock), cancellations between them keep their place.
     */
    void apply(List<IncomingEvent> events) {
        List<TokenLedger.RegistrationDebit> run = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (EventTypes.byCeType(event.type()).orElseThrow() == RegistrationRequested.class) {
                RegistrationRequested requested = event.as(RegistrationRequested.class);
                run.add(new TokenLedger.RegistrationDebit(requested.organisationId(), requested.registrationId(),
                        requested.sessionId()));
                continue;
            }
            debit(run);
            if (EventTypes.byCeType(event.type()).orElseThrow() == RegistrationCancelled.class) {
                cancelled(event);
            } else {
                sessionCancelled(event);
            }
        }
        debit(run);
    }

    private void debit(List<TokenLedger.RegistrationDebit> run) {
        if (!run.isEmpty()) {
            ledger.debitForRegistrations(List.copyOf(run));
            run.clear();
        }
    }

    void cancelled(IncomingEvent event) {
        RegistrationCancelled cancelled = event.as(RegistrationCancelled.class);
        if (cancelled.refundable()) {
            ledger.refundRegistration(cancelled.organisationId(), cancelled.registrationId());
        }
    }

    void sessionCancelled(IncomingEvent event) {
        ledger.refundSession(event.as(SessionCancelled.class).sessionId());
    }
}
