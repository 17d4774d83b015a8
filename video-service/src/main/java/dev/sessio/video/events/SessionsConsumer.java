package dev.sessio.video.events;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationConfirmed;
import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.events.sessions.SessionRescheduled;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.runtime.inbox.Inbox;
import dev.sessio.video.domain.JoinLinks;
import dev.sessio.video.domain.Rooms;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/** sessions.events.v1 → rooms and join links, each event applied once (inbox). */
@ApplicationScoped
public class SessionsConsumer {

    static final String CONSUMER = "video.sessions";

    private final Inbox inbox;
    private final Rooms rooms;
    private final JoinLinks joinLinks;

    public SessionsConsumer(Inbox inbox, Rooms rooms, JoinLinks joinLinks) {
        this.inbox = inbox;
        this.rooms = rooms;
        this.joinLinks = joinLinks;
    }

    @Incoming("sessions-events")
    @Blocking(Inbox.CONSUMER_POOL)
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch(CONSUMER, "sessions-events", records, Map.of(
                SessionScheduled.class, e -> rooms.scheduled(e.as(SessionScheduled.class)),
                SessionRescheduled.class, e -> rooms.rescheduled(e.as(SessionRescheduled.class)),
                SessionCancelled.class, e -> rooms.cancelled(e.as(SessionCancelled.class)),
                RegistrationConfirmed.class, e -> joinLinks.issue(e.as(RegistrationConfirmed.class)),
                RegistrationCancelled.class, e -> joinLinks.cancel(e.as(RegistrationCancelled.class))));
    }
}
