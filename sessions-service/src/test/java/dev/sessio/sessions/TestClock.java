package dev.sessio.sessions;

import dev.sessio.testing.MovableClock;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Every "now" of the service reads this clock; it stands still at {@link #START} until a test moves it. */
@Singleton
public class TestClock extends MovableClock {

    /** Monday 2 November 2026, 09:00 in Paris. */
    public static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    public TestClock() {
        super(START);
    }
}
