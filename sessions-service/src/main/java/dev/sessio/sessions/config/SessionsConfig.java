package dev.sessio.sessions.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Settings of sessions-service ({@code sessions.*}); every key has a default, production overrides by environment. */
@ConfigMapping(prefix = "sessions")
public interface SessionsConfig {

    /** The zone people read times in: catalogue periods and billing months are computed there. */
    @WithDefault("Europe/Paris")
    ZoneId displayZone();

    /** Allowed lengths of a catalogue webinar, in minutes. */
    @WithDefault("60,90")
    List<Integer> webinarDurations();

    /** The link a school without tokens is sent to. */
    @WithDefault("/api/tokens/offers")
    String buyTokensLink();

    Cancellation cancellation();

    Billing billing();

    interface Cancellation {
        /** A school's cancellation at least this long before the start gives the token back. */
        @WithDefault("48h")
        Duration refundableBefore();
    }

    /** How mentoring sessions are paid: percentages of the rate of the session's kind. */
    interface Billing {
        @WithDefault("EUR")
        String currency();

        /** Rate of a mentoring session, in cents. */
        @WithDefault("3000")
        long mentoringRate();

        /** Rate of a defence, in cents. */
        @WithDefault("4500")
        long defenceRate();

        @WithDefault("100")
        int completedPercent();

        @WithDefault("50")
        int studentAbsentPercent();

        /** Cancelled by the mentor, or by the student in good time. */
        @WithDefault("0")
        int cancelledPercent();

        @WithDefault("50")
        int cancelledLateByStudentPercent();

        /** A bug was reported: whatever happened. */
        @WithDefault("100")
        int exceptionPercent();

        /** No report filed (yet). */
        @WithDefault("0")
        int unreportedPercent();

        /** A student's cancellation within this time before the start is late. */
        @WithDefault("24h")
        Duration lateCancellationWindow();

        /** A real duration further than this from the planned one puts the session on ops' list. */
        @WithDefault("15")
        int durationToleranceMinutes();
    }
}
