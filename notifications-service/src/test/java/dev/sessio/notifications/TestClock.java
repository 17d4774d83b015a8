package dev.sessio.notifications;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Replaces the platform's system clock in tests: ticks with real time by default (so backoffs elapse), or stands
 * still at a fixed instant for reminder tests. Reset after each test that fixes it.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Instant fixed;

    public void fixAt(Instant at) {
        fixed = at;
    }

    public void advance(Duration by) {
        fixed = instant().plus(by);
    }

    public void tick() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
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
