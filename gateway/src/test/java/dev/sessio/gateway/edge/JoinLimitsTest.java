package dev.sessio.gateway.edge;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JoinLimitsTest {

    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-04T14:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final JoinLimits limits = new JoinLimits(OperationPattern.parseAll(List.of("GET /api/video/join/*",
            "POST /api/video/join/*")), 300, 150, 10, 10, clock);

    @Test
    void theCodeIsTheWildcardOfAJoinOperation() {
        assertThat(limits.code("GET", "/api/video/join/abc")).isEqualTo("abc");
        assertThat(limits.code("POST", "/api/video/join/abc/")).isEqualTo("abc");
        assertThat(limits.code("DELETE", "/api/video/join/abc")).isNull();
        assertThat(limits.code("GET", "/api/video/rooms/abc")).isNull();
    }

    @Test
    void aSchoolOf100JoiningWithinTwoMinutesFits() {
        for (int i = 0; i < 100; i++) {
            assertThat(limits.admit("198.51.100.1", "code").allowed()).isTrue();
            clock.now = clock.now.plusMillis(600);
            assertThat(limits.admit("198.51.100.1", "code").allowed()).isTrue();
            clock.now = clock.now.plusMillis(600);
        }
        RateLimiter.Decision next = limits.admit("198.51.100.1", "code");
        assertThat(next.limit()).isEqualTo(300);
        assertThat(next.remaining()).isPositive();
    }

    @Test
    void failedLookupsPerAddressAreLimitedAndComeBackWithTime() {
        for (int i = 0; i < 10; i++) {
            assertThat(limits.admit("203.0.113.5", "guess-" + i).allowed()).isTrue();
            limits.answered("203.0.113.5", "guess-" + i, 404);
        }
        RateLimiter.Decision refused = limits.admit("203.0.113.5", "guess-10");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(6);
        assertThat(refused.remaining()).isZero();
        assertThat(limits.admit("203.0.113.6", "guess-0").allowed()).isTrue();

        clock.now = clock.now.plus(Duration.ofSeconds(6));
        assertThat(limits.admit("203.0.113.5", "guess-10").allowed()).isTrue();
    }

    @Test
    void successfulOrOtherAnswersAreNotFailures() {
        for (int i = 0; i < 20; i++) {
            limits.admit("203.0.113.7", "code");
            limits.answered("203.0.113.7", "code", i % 2 == 0 ? 200 : 409);
        }
        assertThat(limits.admit("203.0.113.7", "other").allowed()).isTrue();
    }

    @Test
    void aCodeAlreadyOpenedStaysUsableAfterTypos() {
        limits.answered("203.0.113.8", "code", 200);
        for (int i = 0; i < 10; i++) {
            limits.answered("203.0.113.8", "typo-" + i, 404);
        }
        assertThat(limits.admit("203.0.113.8", "typo-10").allowed()).isFalse();
        assertThat(limits.admit("203.0.113.8", "code").allowed()).isTrue();
    }
}
