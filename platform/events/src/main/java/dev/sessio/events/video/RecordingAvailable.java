package dev.sessio.events.video;

import dev.sessio.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Emitted by video-service when a session's recording (a defence, for the jury) can be watched.
 *
 * @param availableUntil when the recording is deleted
 */
@EventType(service = "video", name = "RecordingAvailable", version = 1)
public record RecordingAvailable(UUID recordingId, UUID sessionId, long durationSeconds, Instant availableUntil) {
}
