package dev.sessio.video.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** What a front end needs to enter a room. */
@Schema(description = "What the front end needs to enter the room")
public record ClientAccess(
        @Schema(description = "vonage or external-link") String provider,
        @Schema(description = "Vonage application id; null for external-link") String applicationId,
        @Schema(description = "The provider's session id (Vonage); null for external-link") String sessionId,
        @Schema(description = "Client token (a JWT for Vonage); null for external-link") String token,
        @Schema(description = "MODERATOR or PUBLISHER") String role,
        @Schema(description = "When the token stops being valid") Instant expiresAt,
        @Schema(description = "Connection data carried by the token (JSON): display name, organisation") String connectionData,
        @Schema(description = "Meeting address for external-link rooms; null for Vonage") String meetingUrl,
        @Schema(description = "The Sessio session") UUID sessioSessionId) {
}
