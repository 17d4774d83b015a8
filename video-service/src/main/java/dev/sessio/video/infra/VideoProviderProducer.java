package dev.sessio.video.infra;

import dev.sessio.video.config.VideoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** Chooses the provider from {@code video.provider}; a Vonage provider without credentials fails at start. */
@ApplicationScoped
public class VideoProviderProducer {

    @Produces
    @ApplicationScoped
    VideoProvider provider(VideoConfig config, Clock clock) {
        return switch (config.provider()) {
            case VideoProvider.VONAGE -> {
                VideoConfig.Vonage vonage = config.vonage();
                yield new VonageVideoProvider(
                        vonage.applicationId().orElseThrow(() -> missing("video.vonage.application-id")),
                        vonage.privateKey().orElseThrow(() -> missing("video.vonage.private-key")),
                        vonage.baseUri(), vonage.timeout(), clock);
            }
            case VideoProvider.EXTERNAL_LINK -> new ExternalLinkProvider(config.externalLink().urlTemplate());
            default -> throw new IllegalStateException("video.provider must be vonage or external-link, not "
                    + config.provider());
        };
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException("video.provider=vonage needs " + key
                + " (from the environment: " + key.toUpperCase().replace('.', '_').replace('-', '_') + ")");
    }
}
