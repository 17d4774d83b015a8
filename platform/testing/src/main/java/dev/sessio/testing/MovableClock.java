package dev.sessio.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move: standing still at an instant, or flowing (real time shifted) so that backoffs and polls elapse.
 * A service's tests extend it as a {@code @Singleton} bean, which replaces the platform's system clock; {@link #reset()}
 * goes back to the start the subclass chose ({@code null}: real time).
 */
public class MovableClock extends Clock {

    private final Instant start;
    private volatile Instant fixed;
    private volatile Duration offset = Duration.ZERO;

    protected MovableClock(Instant start) {
        this.start = start;
        reset();
    }

    /** Back to the start: standing still at it, or real time when there is none. */
    public final void reset() {
        fixed = start;
        offset = Duration.ZERO;
    }

    /** Time stands still at {@code at}. */
    public final void set(Instant at) {
        fixed = at;
    }

    /** Time flows from {@code at}, as fast as real time. */
    public final void runFrom(Instant at) {
        offset = Duration.between(Instant.now(), at);
        fixed = null;
    }

    /** Moves "now" forward (or back), standing still or flowing as it was. */
    public final void advance(Duration by) {
        Instant at = fixed;
        if (at != null) {
            fixed = at.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    @Override
    public final Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now().plus(offset);
    }

    @Override
    public final ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view in another zone that still reads this clock. */
    @Override
    public final Clock withZone(ZoneId zone) {
        MovableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
