package dev.sessio.video.infra;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * The port to whatever holds the video rooms: Vonage in production, a meeting-link template in the local run.
 * Calls may reach a remote API: keep them out of long transactions where possible.
 */
public interface VideoProvider {

    String VONAGE = "vonage";
    String EXTERNAL_LINK = "external-link";

    /** {@value #VONAGE} or {@value #EXTERNAL_LINK}; travels in events and in join answers. */
    String name();

    /** The application id clients need to connect (Vonage), empty for providers without one. */
    Optional<String> applicationId();

    /** Creates one room, recordable (routed media) where the provider can record. */
    ProviderRoom createRoom(UUID sessionId);

    /** A client token for one participant, or empty when the provider's rooms are plain links. */
    Optional<String> clientToken(String roomId, ParticipantRole role, Duration validFor, String connectionData);

    /** Disconnects the given connections (a cancelled session); best effort. */
    void disconnect(String roomId, Collection<String> connectionIds);

    /** Whether connection callbacks arrive, so real usage can be measured. */
    boolean tracksUsage();

    /** Starts recording the room; answers the archive id. */
    String startArchive(String roomId, String name);

    void stopArchive(String archiveId);

    /** A fresh, short-lived link to download the archive. */
    DownloadLink downloadLink(String archiveId);

    void deleteArchive(String archiveId);

    enum ParticipantRole { MODERATOR, PUBLISHER, SUBSCRIBER }

    /** @param meetingUrl the address participants open, for link-based providers; null for Vonage */
    record ProviderRoom(String roomId, String meetingUrl) {
    }

    record DownloadLink(URI url, Instant expiresAt) {
    }

    /** The provider refused or could not be reached. */
    class ProviderException extends RuntimeException {
        public ProviderException(String message, Throwable cause) {
            super(message, cause);
        }

        public ProviderException(String message) {
            super(message);
        }
    }
}
