package dev.sessio.systemtests.journeys;

import dev.sessio.systemtests.Platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The services' shared clock (deploy/local's {@code run/clock-offset}, read by platform/runtime's Clock at most
 * every 100 ms). Journeys that move it must {@link #reset()} in a finally block: other suites run after them.
 */
final class PlatformClock {

    /** Four refresh intervals of the services' clock: after it every service has read the new offset. */
    private static final Duration SEEN_AFTER = Duration.ofMillis(400);

    private static volatile Duration offset = Duration.ZERO;

    private PlatformClock() {
    }

    static Path file() {
        return Platform.HOME.resolve("run").resolve("clock-offset");
    }

    /** What the services believe "now" is. */
    static Instant now() {
        return Instant.now().plus(offset);
    }

    /** Moves every service's clock so that it reads {@code instant} now (and keeps ticking from there). */
    static void moveTo(Instant instant) {
        set(Duration.between(Instant.now(), instant));
    }

    static void reset() {
        set(Duration.ZERO);
    }

    private static void set(Duration value) {
        try {
            Path tmp = file().resolveSibling("clock-offset.tmp");
            Files.writeString(tmp, value.isZero() ? "" : value.toString() + "\n");
            // atomic: a service never reads a half-written offset
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            offset = value;
            Thread.sleep(SEEN_AFTER.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file() + " (is the platform started by deploy/local?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
