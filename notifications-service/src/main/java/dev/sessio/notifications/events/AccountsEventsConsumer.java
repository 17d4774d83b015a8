package dev.sessio.notifications.events;

import dev.sessio.events.accounts.MemberInvited;
import dev.sessio.events.accounts.OrganisationRegistered;
import dev.sessio.events.accounts.OrganisationVerified;
import dev.sessio.events.accounts.PasswordResetRequested;
import dev.sessio.events.accounts.PersonalDataErased;
import dev.sessio.notifications.domain.AccountEmails;
import dev.sessio.runtime.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/** accounts.events.v1: address book, account emails, erasure. */
@ApplicationScoped
public class AccountsEventsConsumer {

    private final Inbox inbox;
    private final AccountEmails emails;

    public AccountsEventsConsumer(Inbox inbox, AccountEmails emails) {
        this.inbox = inbox;
        this.emails = emails;
    }

    @Incoming("accounts-events")
    @Blocking(Inbox.CONSUMER_POOL)
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch("notifications.accounts", "accounts-events", records, Map.of(
                OrganisationRegistered.class, e -> emails.registered(e.id(), e.as(OrganisationRegistered.class)),
                OrganisationVerified.class, e -> emails.verified(e.id(), e.as(OrganisationVerified.class)),
                MemberInvited.class, e -> emails.invited(e.id(), e.as(MemberInvited.class)),
                PasswordResetRequested.class, e -> emails.passwordReset(e.id(), e.as(PasswordResetRequested.class)),
                PersonalDataErased.class, e -> emails.erased(e.as(PersonalDataErased.class))));
    }
}
