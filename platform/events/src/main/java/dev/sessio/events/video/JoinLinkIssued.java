package dev.sessio.events.video;

import dev.sessio.events.EventType;

import java.util.UUID;

/**
 * Emitted by video-service when a confirmed registration has its join link; the 48 h reminder carries it.
 *
 * @param joinUrl absolute URL, shared by all of the school's staff
 */
@EventType(service = "video", name = "JoinLinkIssued", version = 1)
public record JoinLinkIssued(UUID registrationId, UUID sessionId, UUID organisationId, String joinUrl) {
}
