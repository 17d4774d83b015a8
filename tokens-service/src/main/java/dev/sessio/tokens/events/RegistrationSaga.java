package dev.sessio.tokens.events;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationRequested;
import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.runtime.inbox.Inbox;
import dev.sessio.runtime.inbox.IncomingEvent;
import dev.sessio.tokens.domain.TokenLedger;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

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
        inbox.handleBatch(CONSUMER, "sessions-events", records, Map.of(
                RegistrationRequested.class, this::requested,
                RegistrationCancelled.class, this::cancelled,
                SessionCancelled.class, this::sessionCancelled));
    }

    void requested(IncomingEvent event) {
        RegistrationRequested requested = event.as(RegistrationRequested.class);
        ledger.debitForRegistration(requested.organisationId(), requested.registrationId(), requested.sessionId());
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
