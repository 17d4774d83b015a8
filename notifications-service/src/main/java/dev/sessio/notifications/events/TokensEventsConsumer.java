package dev.sessio.notifications.events;

import dev.sessio.events.tokens.InvoiceIssued;
import dev.sessio.events.tokens.OrderAwaitingApproval;
import dev.sessio.events.tokens.OrderRejected;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.events.tokens.TokensExpiring;
import dev.sessio.notifications.domain.BillingEmails;
import dev.sessio.runtime.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/** tokens.events.v1: receipts, invoices, purchase orders, expiry warnings. */
@ApplicationScoped
public class TokensEventsConsumer {

    private final Inbox inbox;
    private final BillingEmails emails;

    public TokensEventsConsumer(Inbox inbox, BillingEmails emails) {
        this.inbox = inbox;
        this.emails = emails;
    }

    @Incoming("tokens-events")
    @Blocking(Inbox.CONSUMER_POOL)
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch("notifications.tokens", "tokens-events", records, Map.of(
                TokensCredited.class, e -> emails.credited(e.id(), e.as(TokensCredited.class)),
                InvoiceIssued.class, e -> emails.invoiced(e.id(), e.as(InvoiceIssued.class)),
                OrderAwaitingApproval.class, e -> emails.orderAwaitingApproval(e.id(), e.as(OrderAwaitingApproval.class)),
                OrderRejected.class, e -> emails.orderRejected(e.id(), e.as(OrderRejected.class)),
                TokensExpiring.class, e -> emails.expiring(e.id(), e.as(TokensExpiring.class))));
    }
}
