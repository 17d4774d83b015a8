package dev.sessio.notifications;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Replaces the platform's system clock in tests: real time by default, standing still at a fixed instant, or
 * flowing from a chosen instant (so backoffs elapse). Reset after each test that moves it.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Instant fixed;
    private volatile Duration offset = Duration.ZERO;

    /** Time stands still at {@code at}. */
    public void fixAt(Instant at) {
        fixed = at;
    }

    /** Time flows again, from {@code at} (so retries and backoffs elapse). */
    public void runFrom(Instant at) {
        offset = Duration.between(Instant.now(), at);
        fixed = null;
    }

    /** Back to real time. */
    public void tick() {
        offset = Duration.ZERO;
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
