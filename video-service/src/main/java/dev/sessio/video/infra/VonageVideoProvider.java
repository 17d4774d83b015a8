package dev.sessio.video.infra;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.video.Archive;
import com.vonage.client.video.ArchiveMode;
import com.vonage.client.video.CreateSessionRequest;
import com.vonage.client.video.CreateSessionResponse;
import com.vonage.client.video.MediaMode;
import com.vonage.client.video.OutputMode;
import com.vonage.client.video.Role;
import com.vonage.client.video.TokenOptions;
import com.vonage.client.video.VideoClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * Vonage Video API through the official server SDK. Rooms are routed sessions with manual archiving, so defences
 * can be recorded on demand. Client tokens are signed locally with the application's private key.
 */
public class VonageVideoProvider implements VideoProvider {

    private static final Logger LOG = Logger.getLogger(VonageVideoProvider.class);
    /** Vonage's archive download URLs stay valid for 10 minutes after they are handed out. */
    static final Duration DOWNLOAD_LINK_TTL = Duration.ofMinutes(10);
    /** Vonage refuses client tokens living longer than 30 days. */
    static final Duration MAX_TOKEN_TTL = Duration.ofDays(30);

    private final VideoClient video;
    private final String applicationId;
    private final Clock clock;

    public VonageVideoProvider(String applicationId, String privateKeyPem, Optional<String> baseUri, Duration timeout,
                               Clock clock) {
        HttpConfig.Builder http = HttpConfig.builder().timeoutMillis((int) timeout.toMillis());
        baseUri.ifPresent(http::videoBaseUri);
        this.video = VonageClient.builder()
                .applicationId(applicationId)
                .privateKeyContents(privateKeyPem)
                .httpConfig(http.build())
                .build()
                .getVideoClient();
        this.applicationId = applicationId;
        this.clock = clock;
    }

    @Override
    public String name() {
        return VONAGE;
    }

    @Override
    public Optional<String> applicationId() {
        return Optional.of(applicationId);
    }

    @Override
    public ProviderRoom createRoom(UUID sessionId) {
        CreateSessionResponse created = call("create a session for " + sessionId, () -> video.createSession(
                CreateSessionRequest.builder().mediaMode(MediaMode.ROUTED).archiveMode(ArchiveMode.MANUAL).build()));
        if (created == null || created.getSessionId() == null) {
            throw new ProviderException("Vonage answered no session id for " + sessionId);
        }
        return new ProviderRoom(created.getSessionId(), null);
    }

    @Override
    public Optional<String> clientToken(String roomId, ParticipantRole role, Duration validFor, String connectionData) {
        Duration ttl = validFor.compareTo(MAX_TOKEN_TTL) > 0 ? MAX_TOKEN_TTL : validFor;
        TokenOptions options = TokenOptions.builder()
                .role(Role.valueOf(role.name()))
                .expiryLength(ttl)
                .data(connectionData)
                .build();
        return Optional.of(video.generateToken(roomId, options));
    }

    @Override
    public void disconnect(String roomId, Collection<String> connectionIds) {
        for (String connectionId : connectionIds) {
            try {
                video.forceDisconnect(roomId, connectionId);
            } catch (RuntimeException e) {
                LOG.warnf("could not disconnect %s from %s: %s", connectionId, roomId, e.getMessage());
            }
        }
    }

    @Override
    public boolean tracksUsage() {
        return true;
    }

    @Override
    public String startArchive(String roomId, String name) {
        Archive archive = call("start an archive of " + roomId, () -> video.createArchive(
                Archive.builder(roomId).name(name).outputMode(OutputMode.COMPOSED).build()));
        return archive.getId().toString();
    }

    @Override
    public void stopArchive(String archiveId) {
        call("stop archive " + archiveId, () -> video.stopArchive(archiveId));
    }

    @Override
    public DownloadLink downloadLink(String archiveId) {
        Archive archive = call("read archive " + archiveId, () -> video.getArchive(archiveId));
        if (archive.getUrl() == null) {
            throw new ProviderException("archive " + archiveId + " has no download URL (status "
                    + archive.getStatus() + ")");
        }
        return new DownloadLink(archive.getUrl(), Instant.now(clock).plus(DOWNLOAD_LINK_TTL));
    }

    @Override
    public void deleteArchive(String archiveId) {
        call("delete archive " + archiveId, () -> {
            video.deleteArchive(archiveId);
            return null;
        });
    }

    private static <T> T call(String what, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw new ProviderException("Vonage could not " + what + ": " + e.getMessage(), e);
        }
    }
}
