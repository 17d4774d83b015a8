package dev.sessio.video;

import dev.sessio.testing.MovableClock;
import jakarta.inject.Singleton;

/** Every "now" of the service reads this clock: real time until a test moves it; reset after each test that does. */
@Singleton
public class TestClock extends MovableClock {

    public TestClock() {
        super(null);
    }
}
