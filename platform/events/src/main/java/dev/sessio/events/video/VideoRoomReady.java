package dev.sessio.events.video;

import dev.sessio.events.EventType;

import java.util.UUID;

/**
 * Emitted by video-service once the room of a session exists at the video provider.
 *
 * @param provider the provider that holds the room, e.g. {@code vonage} or {@code external-link}
 * @param roomId   the provider's id for the room (a Vonage session id, for example)
 */
@EventType(service = "video", name = "VideoRoomReady", version = 1)
public record VideoRoomReady(UUID sessionId, String provider, String roomId) {
}
