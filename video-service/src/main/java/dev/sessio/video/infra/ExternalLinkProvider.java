package dev.sessio.video.infra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * Rooms are links to an outside meeting tool (Jitsi, GoTo…) built from a template: no credentials, no
 * recordings, no usage data. What the platform uses when no Vonage application is configured.
 */
public class ExternalLinkProvider implements VideoProvider {

    private final String urlTemplate;

    public ExternalLinkProvider(String urlTemplate) {
        if (!urlTemplate.contains("{sessionId}")) {
            throw new IllegalArgumentException("video.external-link.url-template must contain {sessionId}");
        }
        this.urlTemplate = urlTemplate;
    }

    @Override
    public String name() {
        return EXTERNAL_LINK;
    }

    @Override
    public Optional<String> applicationId() {
        return Optional.empty();
    }

    @Override
    public ProviderRoom createRoom(UUID sessionId) {
        String url = urlTemplate.replace("{sessionId}", URLEncoder.encode(sessionId.toString(), StandardCharsets.UTF_8));
        return new ProviderRoom("sessio-" + sessionId, url);
    }

    @Override
    public Optional<String> clientToken(String roomId, ParticipantRole role, Duration validFor, String connectionData) {
        return Optional.empty();
    }

    @Override
    public void disconnect(String roomId, Collection<String> connectionIds) {
        // nothing to disconnect: the outside tool is not ours
    }

    @Override
    public boolean tracksUsage() {
        return false;
    }

    @Override
    public String startArchive(String roomId, String name) {
        throw new ProviderException("the external-link provider cannot record");
    }

    @Override
    public void stopArchive(String archiveId) {
        throw new ProviderException("the external-link provider cannot record");
    }

    @Override
    public DownloadLink downloadLink(String archiveId) {
        throw new ProviderException("the external-link provider has no recordings");
    }

    @Override
    public void deleteArchive(String archiveId) {
        throw new ProviderException("the external-link provider has no recordings");
    }
}
