package dev.sessio.sessions.events;

import dev.sessio.events.video.BugReported;
import dev.sessio.events.video.JoinLinkIssued;
import dev.sessio.events.video.VideoRoomReady;
import dev.sessio.events.video.VideoUsageRecorded;
import dev.sessio.runtime.inbox.Inbox;
import dev.sessio.sessions.domain.MentoringSessions;
import dev.sessio.sessions.domain.VideoFacts;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/** video-service's events: join links and rooms for webinars, bug reports and real durations for mentoring. */
@ApplicationScoped
public class VideoEventsConsumer {

    static final String CONSUMER = "sessions.video";

    private final Inbox inbox;
    private final VideoFacts video;
    private final MentoringSessions mentoring;

    public VideoEventsConsumer(Inbox inbox, VideoFacts video, MentoringSessions mentoring) {
        this.inbox = inbox;
        this.video = video;
        this.mentoring = mentoring;
    }

    @Incoming("video-events")
    @Blocking(Inbox.CONSUMER_POOL)
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch(CONSUMER, "video-events", records, Map.of(
                JoinLinkIssued.class, e -> video.joinLinkIssued(e.as(JoinLinkIssued.class)),
                VideoRoomReady.class, e -> video.roomReady(e.as(VideoRoomReady.class)),
                BugReported.class, e -> mentoring.bugReported(e.as(BugReported.class)),
                VideoUsageRecorded.class, e -> mentoring.usageRecorded(e.as(VideoUsageRecorded.class))));
    }
}
