package dev.sessio.video.domain;

import dev.sessio.events.video.VideoUsageRecorded;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.video.config.VideoConfig;
import dev.sessio.video.infra.VideoProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * When a session's room closes (its end plus the closing margin), stops what still records and announces the
 * real video usage once. Rooms behind an external link report usage as unknown.
 */
@ApplicationScoped
public class UsageReports {

    private static final Logger LOG = Logger.getLogger(UsageReports.class);

    private final EntityManager em;
    private final Outbox outbox;
    private final Recordings recordings;
    private final VideoConfig config;
    private final Clock clock;

    public UsageReports(EntityManager em, Outbox outbox, Recordings recordings, VideoConfig config, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.recordings = recordings;
        this.config = config;
        this.clock = clock;
    }

    /** @return how many sessions were reported */
    @Transactional
    public int recordEndedSessions() {
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<Room> ended = em.createNativeQuery("""
                        SELECT * FROM room
                        WHERE status = 'READY' AND usage_recorded_at IS NULL
                          AND starts_at + make_interval(mins => duration_minutes) + make_interval(secs => ?1) <= ?2
                        ORDER BY starts_at LIMIT 50 FOR UPDATE SKIP LOCKED""", Room.class)
                .setParameter(1, (double) config.join().closesAfter().toSeconds())
                .setParameter(2, now).getResultList();
        for (Room room : ended) {
            recordings.stopRunning(room);
            VideoUsageRecorded usage = usageOf(room);
            room.usageRecordedAt = now;
            outbox.record(usage, room.sessionId, "session/" + room.sessionId);
            LOG.infof("usage of session %s recorded: used=%s, %d min with 2+", room.sessionId, usage.used(),
                    usage.minutesWithTwoOrMore());
        }
        return ended.size();
    }

    VideoUsageRecorded usageOf(Room room) {
        if (VideoProvider.EXTERNAL_LINK.equals(room.provider)) {
            return new VideoUsageRecorded(room.sessionId, room.provider, null, null, null, 0, List.of());
        }
        Instant closesAt = room.window(config.join().opensBefore(), config.join().closesAfter()).closesAt();
        List<UsageCalculator.Interval> intervals = ConnectionInterval.ofSession(room.sessionId).stream()
                .map(c -> new UsageCalculator.Interval(c.participantId, c.joinedAt, c.leftAt)).toList();
        UsageCalculator.Usage usage = UsageCalculator.of(intervals, closesAt);
        return new VideoUsageRecorded(room.sessionId, room.provider, usage.used(), usage.firstJoinAt(),
                usage.lastLeaveAt(), usage.minutesWithTwoOrMore(),
                usage.minutesByParticipant().entrySet().stream()
                        .map(e -> new VideoUsageRecorded.ParticipantUsage(e.getKey(), e.getValue())).toList());
    }
}
