package dev.sessio.runtime.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The system clock, replaceable in tests by an alternative bean (reminders, expiry, time windows). When
 * {@code sessio.clock.offset-file} is set (the local platform only), it runs ahead by the duration written there,
 * so end-to-end tests can reach "48 h before" or "after the session" without waiting.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock(PlatformConfig config) {
        return config.clock().offsetFile()
                .<Clock>map(file -> new OffsetFileClock(Clock.systemUTC(), Path.of(file), Duration.ofMillis(100)))
                .orElseGet(Clock::systemUTC);
    }

    /**
     * A clock ahead of {@code base} by the ISO-8601 duration in a file (missing or empty file: no offset). The file
     * is read at most once per {@code refresh}, so every service of one platform sees a change within that time.
     */
    static final class OffsetFileClock extends Clock {

        private static final Logger LOG = Logger.getLogger(OffsetFileClock.class);

        private final Clock base;
        private final OffsetFile offset;

        OffsetFileClock(Clock base, Path file, Duration refresh) {
            this(base, new OffsetFile(file, refresh.toNanos()));
        }

        private OffsetFileClock(Clock base, OffsetFile offset) {
            this.base = base;
            this.offset = offset;
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return zone.equals(getZone()) ? this : new OffsetFileClock(base.withZone(zone), offset);
        }

        @Override
        public Instant instant() {
            return base.instant().plus(offset.current());
        }

        @Override
        public long millis() {
            return instant().toEpochMilli();
        }

        private static final class OffsetFile {
            private final Path file;
            private final long refreshNanos;
            private volatile Duration value = Duration.ZERO;
            private volatile long readAt;
            private volatile boolean read;

            OffsetFile(Path file, long refreshNanos) {
                this.file = file;
                this.refreshNanos = refreshNanos;
            }

            Duration current() {
                long now = System.nanoTime();
                if (!read || now - readAt >= refreshNanos) {
                    synchronized (this) {
                        if (!read || now - readAt >= refreshNanos) {
                            value = load();
                            readAt = now;
                            read = true;
                        }
                    }
                }
                return value;
            }

            private Duration load() {
                try {
                    String text = Files.readString(file).strip();
                    return text.isEmpty() ? Duration.ZERO : Duration.parse(text);
                } catch (NoSuchFileException e) {
                    return Duration.ZERO;
                } catch (IOException | DateTimeParseException e) {
                    // A half-written or wrong file keeps the last good offset rather than jumping back to zero.
                    LOG.warnf("clock offset file %s unreadable (%s); keeping %s", file, e.getMessage(), value);
                    return value;
                }
            }
        }
    }
}
