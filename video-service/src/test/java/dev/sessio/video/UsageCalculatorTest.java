package dev.sessio.video;

import dev.sessio.video.domain.UsageCalculator;
import dev.sessio.video.domain.UsageCalculator.Interval;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UsageCalculatorTest {

    static final Instant T0 = Instant.parse("2026-03-12T09:00:00Z");

    static Instant at(int minute, int second) {
        return T0.plusSeconds(minute * 60L + second);
    }

    @Test
    void aMentoringSessionWithAReconnectionAndASecondTab() {
        List<Interval> intervals = List.of(
                new Interval("mentor", at(-5, 0), at(62, 0)),          // waits 5 min, leaves 2 min after the end
                new Interval("student", at(3, 0), at(20, 0)),          // late, network drop
                new Interval("student", at(21, 30), at(60, 0)),        // back after 90 s
                new Interval("student", at(30, 0), at(40, 0)));        // a second tab meanwhile: counts once

        UsageCalculator.Usage usage = UsageCalculator.of(intervals, at(90, 0));

        assertThat(usage.used()).isTrue();
        assertThat(usage.firstJoinAt()).isEqualTo(at(-5, 0));
        assertThat(usage.lastLeaveAt()).isEqualTo(at(62, 0));
        assertThat(usage.minutesWithTwoOrMore()).isEqualTo(56); // 3→20 and 21:30→60: 17 + 38.5 = 55.5, rounded
        assertThat(usage.minutesByParticipant()).isEqualTo(Map.of("mentor", 67, "student", 56));
    }

    @Test
    void nobodyConnectedMeansNotUsed() {
        UsageCalculator.Usage usage = UsageCalculator.of(List.of(), at(90, 0));
        assertThat(usage.used()).isFalse();
        assertThat(usage.firstJoinAt()).isNull();
        assertThat(usage.lastLeaveAt()).isNull();
        assertThat(usage.minutesWithTwoOrMore()).isZero();
        assertThat(usage.minutesByParticipant()).isEmpty();
    }

    @Test
    void aLoneParticipantUsedTheToolButNeverWithSomeoneElse() {
        UsageCalculator.Usage usage = UsageCalculator.of(List.of(new Interval("mentor", at(0, 0), at(30, 0))), at(90, 0));
        assertThat(usage.used()).isTrue();
        assertThat(usage.minutesWithTwoOrMore()).isZero();
        assertThat(usage.minutesByParticipant()).containsEntry("mentor", 30);
    }

    @Test
    void connectionsStillOpenAreCountedUntilTheRoomCloses() {
        UsageCalculator.Usage usage = UsageCalculator.of(List.of(
                new Interval("a", at(0, 0), null),
                new Interval("b", at(10, 0), null),
                new Interval("c", at(100, 0), at(110, 0))), at(90, 0)); // after the close: ignored

        assertThat(usage.lastLeaveAt()).isEqualTo(at(90, 0));
        assertThat(usage.minutesWithTwoOrMore()).isEqualTo(80);
        assertThat(usage.minutesByParticipant()).isEqualTo(Map.of("a", 90, "b", 80));
    }
}
