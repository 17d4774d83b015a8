package dev.sessio.sessions.events;

import dev.sessio.events.tokens.TokenDebitRejected;
import dev.sessio.events.tokens.TokenDebited;
import dev.sessio.events.tokens.TokenRefunded;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.events.tokens.TokensExpired;
import dev.sessio.runtime.inbox.Inbox;
import dev.sessio.sessions.domain.RegistrationSaga;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/** tokens-service's ledger events: the answers of the registration saga and the known balance. */
@ApplicationScoped
public class TokensEventsConsumer {

    static final String CONSUMER = "sessions.tokens";

    private final Inbox inbox;
    private final RegistrationSaga saga;

    public TokensEventsConsumer(Inbox inbox, RegistrationSaga saga) {
        this.inbox = inbox;
        this.saga = saga;
    }

    @Incoming("tokens-events")
    @Blocking(Inbox.CONSUMER_POOL)
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch(CONSUMER, "tokens-events", records, Map.of(
                TokenDebited.class, e -> saga.debited(e.as(TokenDebited.class), e.id()),
                TokenDebitRejected.class, e -> saga.rejected(e.as(TokenDebitRejected.class), e.id()),
                TokensCredited.class, e -> {
                    TokensCredited credited = e.as(TokensCredited.class);
                    saga.knownBalance(credited.organisationId(), credited.balanceAfter(), e.id());
                },
                TokenRefunded.class, e -> {
                    TokenRefunded refunded = e.as(TokenRefunded.class);
                    saga.knownBalance(refunded.organisationId(), refunded.balanceAfter(), e.id());
                },
                TokensExpired.class, e -> {
                    TokensExpired expired = e.as(TokensExpired.class);
                    saga.knownBalance(expired.organisationId(), expired.balanceAfter(), e.id());
                }));
    }
}
