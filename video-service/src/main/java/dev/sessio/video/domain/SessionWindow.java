package dev.sessio.video.domain;

import java.time.Duration;
import java.time.Instant;

/** When a session's room can be entered: from {@code opensBefore} its start to {@code closesAfter} its end. */
public record SessionWindow(Instant startsAt, Instant endsAt, Instant opensAt, Instant closesAt) {

    public SessionWindow(Instant startsAt, Instant endsAt, Duration opensBefore, Duration closesAfter) {
        this(startsAt, endsAt, startsAt.minus(opensBefore), endsAt.plus(closesAfter));
    }

    public enum State { NOT_YET_OPEN, OPEN, OVER }

    public State at(Instant now) {
        if (now.isBefore(opensAt)) {
            return State.NOT_YET_OPEN;
        }
        return now.isBefore(closesAt) ? State.OPEN : State.OVER;
    }

    /** What a client token must cover when issued at {@code now}: until the room closes. */
    public Duration tokenValidityFrom(Instant now) {
        return Duration.between(now, closesAt);
    }
}
