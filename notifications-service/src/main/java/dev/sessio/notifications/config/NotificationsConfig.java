package dev.sessio.notifications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Everything notifications-service reads from configuration (SMTP itself is {@code quarkus.mailer.*}). */
@ConfigMapping(prefix = "notifications")
public interface NotificationsConfig {

    /** The name people see in subjects, greetings and the footer. */
    @WithDefault("Sessio")
    String platformName();

    /** The From header of every email. */
    @WithDefault("Sessio <no-reply@sessio.dev>")
    String from();

    /** The front end: confirmation, reset, invitation and account links point here. */
    @WithDefault("https://app.sessio.dev")
    String webBaseUrl();

    /** The public API (through the gateway): invoice PDFs are linked from here. */
    @WithDefault("https://api.sessio.dev")
    String apiBaseUrl();

    /** Who approves purchase orders. */
    @WithDefault("ops@sessio.dev")
    String opsEmail();

    /**
     * The jury's mailing address (a list the jury reads): defence recordings are announced there. Jury members are
     * Keycloak users with the {@code jury} role, which no event carries, hence one configured address.
     */
    @WithDefault("jury@sessio.dev")
    String juryEmail();

    Support support();

    Sending sending();

    Reminders reminders();

    interface Support {
        @WithDefault("du lundi au vendredi, de 9 h à 18 h")
        String hoursFr();

        @WithDefault("Monday to Friday, 9 am to 6 pm (Paris time)")
        String hoursEn();

        @WithDefault("+33 1 00 00 00 00")
        String phone();

        @WithDefault("support@sessio.dev")
        String email();
    }

    interface Sending {
        /** How often the worker looks for due emails (the scheduler reads it). */
        @WithDefault("1s")
        String pollInterval();

        @WithDefault("2s")
        String startDelay();

        /** Attempts before an email is FAILED (visible to ops, who may resend it). */
        @WithDefault("8")
        int maxAttempts();

        /** Wait after the first failure; doubles after each one up to {@link #maxBackoff()}. */
        @WithDefault("30s")
        Duration initialBackoff();

        @WithDefault("1h")
        Duration maxBackoff();

        @WithDefault("50")
        int batchSize();

        /** The longest wait for the relay's answer to one email; then it counts as a failed attempt. */
        @WithDefault("60s")
        Duration smtpTimeout();

        /** SMTP handovers in flight at once per worker. */
        @WithDefault("4")
        int concurrency();

        /**
         * How long a SENDING claim holds. Past it the worker is presumed dead and the email is sent again (same
         * Message-ID). Must be well above the SMTP timeout.
         */
        @WithDefault("5m")
        Duration lease();
    }

    interface Reminders {
        /** How often due reminders are claimed (the scheduler reads it). */
        @WithDefault("5s")
        String pollInterval();

        /** The join link goes out this long before the session (at once when registered later than that). */
        @WithDefault("48h")
        Duration joinLinkLead();

        /**
         * A due join-link reminder waits for video-service's link; this close to the start it goes out without it
         * (pointing to the account page, where the link will appear).
         */
        @WithDefault("2h")
        Duration joinLinkGrace();

        @WithDefault("24h")
        Duration mentoringLead();

        @WithDefault("200")
        int batchSize();
    }
}
