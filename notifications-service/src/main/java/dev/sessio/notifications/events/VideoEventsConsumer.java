package dev.sessio.notifications.events;

import dev.sessio.events.video.JoinLinkIssued;
import dev.sessio.events.video.RecordingAvailable;
import dev.sessio.notifications.domain.MentoringEmails;
import dev.sessio.notifications.domain.SessionEmails;
import dev.sessio.runtime.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/** video.events.v1: the join links the 48 h reminder carries, and recordings. */
@ApplicationScoped
public class VideoEventsConsumer {

    private final Inbox inbox;
    private final SessionEmails sessions;
    private final MentoringEmails mentoring;

    public VideoEventsConsumer(Inbox inbox, SessionEmails sessions, MentoringEmails mentoring) {
        this.inbox = inbox;
        this.sessions = sessions;
        this.mentoring = mentoring;
    }

    @Incoming("video-events")
    @Blocking(Inbox.CONSUMER_POOL)
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch("notifications.video", "video-events", records, Map.of(
                JoinLinkIssued.class, e -> sessions.joinLinkIssued(e.as(JoinLinkIssued.class)),
                RecordingAvailable.class, e -> mentoring.recordingAvailable(e.id(), e.as(RecordingAvailable.class))));
    }
}
