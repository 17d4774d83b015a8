package dev.sessio.video.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** video-service settings. Vonage credentials come from the environment only (VIDEO_VONAGE_*). */
@ConfigMapping(prefix = "video")
public interface VideoConfig {

    /** {@code vonage} or {@code external-link} (the local run, no credentials). */
    @WithDefault("external-link")
    String provider();

    Vonage vonage();

    ExternalLink externalLink();

    Join join();

    Recordings recordings();

    /** How often pending rooms are retried at the provider and ended sessions are closed. */
    @WithDefault("30s")
    Duration housekeepingEvery();

    interface Vonage {
        /** The Vonage application id (a UUID). */
        Optional<String> applicationId();

        /** PEM (PKCS#8) contents of the application's private key. */
        Optional<String> privateKey();

        /** Secret Vonage signs its callbacks with (HS256 JWT in the Authorization header). */
        Optional<String> signatureSecret();

        /** Overrides the Video API address (tests point it at a stub). */
        Optional<String> baseUri();

        @WithDefault("10s")
        Duration timeout();
    }

    interface ExternalLink {
        /** Meeting URL per room; {@code {sessionId}} is replaced by the session id. */
        @WithDefault("https://meet.jit.si/sessio-{sessionId}")
        String urlTemplate();
    }

    interface Join {
        /** Front-end page the join code is appended to. */
        @WithDefault("http://localhost:3000/join/")
        String baseUrl();

        @WithDefault("15m")
        Duration opensBefore();

        @WithDefault("30m")
        Duration closesAfter();
    }

    interface Recordings {
        /** How long a recording is kept before it is deleted (GDPR). */
        @WithDefault("365d")
        Duration retention();
    }
}
