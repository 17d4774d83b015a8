package dev.sessio.events.video;

import dev.sessio.events.EventType;

import java.util.UUID;

/**
 * Emitted by video-service when someone reports a problem with a session's video; sessions-service
 * tags the session Exception so the mentor is paid in full. The details stay in video-service.
 */
@EventType(service = "video", name = "BugReported", version = 1)
public record BugReported(UUID bugReportId, UUID sessionId, String reporterId, Category category, Phase phase) {

    public enum Category { AUDIO, VIDEO, CONNECTION, SCREEN_SHARING, CHAT, RECORDING, OTHER }

    /** When the problem happened, relative to the session. */
    public enum Phase { BEFORE, DURING, AFTER }
}
