package dev.sessio.runtime.wait;

import java.time.Duration;
import java.util.Locale;

/**
 * The {@code Prefer: wait=N} preference (RFC 7240 §4.3): how long the client is ready to wait for a final answer.
 * Absent: the service's default; above the maximum: the maximum (the gateway's upstream timeout must stay above
 * it); {@code respond-async} alone: no wait. An unreadable preference is ignored, as the RFC asks.
 */
public record PreferWait(Duration duration, boolean requested) {

    public static PreferWait of(String prefer, Duration defaultWait, Duration maxWait) {
        Duration chosen = null;
        boolean async = false;
        if (prefer != null) {
            for (String preference : prefer.split("[,;]")) {
                String p = preference.strip().toLowerCase(Locale.ROOT);
                if (p.equals("respond-async")) {
                    async = true;
                } else if (p.startsWith("wait=")) {
                    try {
                        long seconds = Long.parseLong(p.substring(5).strip().replace("\"", ""));
                        if (seconds >= 0) {
                            chosen = Duration.ofSeconds(seconds);
                        }
                    } catch (NumberFormatException ignored) {
                        // not a delta-seconds: ignored like any preference the server does not understand
                    }
                }
            }
        }
        if (chosen == null) {
            return new PreferWait(async ? Duration.ZERO : min(defaultWait, maxWait), false);
        }
        return new PreferWait(min(chosen, maxWait), true);
    }

    /** The {@code Preference-Applied} header value when the client asked for a wait, else null. */
    public String applied() {
        return requested ? "wait=" + duration.toSeconds() : null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
