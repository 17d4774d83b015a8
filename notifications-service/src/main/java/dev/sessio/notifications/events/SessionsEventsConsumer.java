package dev.sessio.notifications.events;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationConfirmed;
import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.events.sessions.SessionRescheduled;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.notifications.domain.SessionEmails;
import dev.sessio.runtime.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/** sessions.events.v1 (keyed by session, so a session's events arrive in order): invites, reminders, changes. */
@ApplicationScoped
public class SessionsEventsConsumer {

    private final Inbox inbox;
    private final SessionEmails emails;

    public SessionsEventsConsumer(Inbox inbox, SessionEmails emails) {
        this.inbox = inbox;
        this.emails = emails;
    }

    @Incoming("sessions-events")
    @Blocking(Inbox.CONSUMER_POOL)
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch("notifications.sessions", "sessions-events", records, Map.of(
                SessionScheduled.class, e -> emails.scheduled(e.id(), e.as(SessionScheduled.class)),
                RegistrationConfirmed.class, e -> emails.confirmed(e.id(), e.as(RegistrationConfirmed.class)),
                SessionRescheduled.class, e -> emails.rescheduled(e.id(), e.as(SessionRescheduled.class)),
                SessionCancelled.class, e -> emails.sessionCancelled(e.id(), e.as(SessionCancelled.class)),
                RegistrationCancelled.class, e -> emails.registrationCancelled(e.id(), e.as(RegistrationCancelled.class))));
    }
}
