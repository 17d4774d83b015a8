package dev.sessio.events.video;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Emitted by video-service after a session, from the provider's connection data: the real
 * durations that reports and billing checks rely on.
 *
 * @param used                 whether the video tool was used; null when the provider cannot tell (external link)
 * @param firstJoinAt          null when nobody joined
 * @param lastLeaveAt          null when nobody joined
 * @param minutesWithTwoOrMore minutes during which at least two participants were connected
 */
@EventType(service = "video", name = "VideoUsageRecorded", version = 1)
public record VideoUsageRecorded(
        UUID sessionId,
        String provider,
        Boolean used,
        Instant firstJoinAt,
        Instant lastLeaveAt,
        int minutesWithTwoOrMore,
        List<ParticipantUsage> participants) {

    public VideoUsageRecorded {
        participants = List.copyOf(participants); // immutable, like the rest of the record
    }

    /** @param participantId the participant's user id */
    public record ParticipantUsage(String participantId, int minutes) {
    }
}
