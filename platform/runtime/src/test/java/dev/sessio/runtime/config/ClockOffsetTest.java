package dev.sessio.runtime.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared clock offset the local platform uses to move time for end-to-end tests. */
class ClockOffsetTest {

    static final Instant BASE = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void missingOrEmptyFileMeansNoOffset() throws Exception {
        Path file = dir.resolve("clock-offset");
        assertThat(clock(file, Duration.ZERO).instant()).isEqualTo(BASE);
        Files.writeString(file, "  \n");
        assertThat(clock(file, Duration.ZERO).instant()).isEqualTo(BASE);
    }

    @Test
    void runsAheadByTheDurationInTheFile() throws Exception {
        Path file = dir.resolve("clock-offset");
        Files.writeString(file, "PT48H5M\n");
        Clock clock = clock(file, Duration.ZERO);
        assertThat(clock.instant()).isEqualTo(BASE.plus(Duration.ofHours(48).plusMinutes(5)));
        assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
        assertThat(clock.withZone(ZoneOffset.ofHours(1)).instant()).isEqualTo(clock.instant());
    }

    @Test
    void aChangeIsSeenOnlyAfterTheRefreshInterval() throws Exception {
        Path file = dir.resolve("clock-offset");
        Files.writeString(file, "PT1H");
        Clock clock = clock(file, Duration.ofMillis(150));
        assertThat(clock.instant()).isEqualTo(BASE.plusSeconds(3600));

        Files.writeString(file, "PT2H");
        assertThat(clock.instant()).as("cached within the interval").isEqualTo(BASE.plusSeconds(3600));
        Thread.sleep(200);
        assertThat(clock.instant()).isEqualTo(BASE.plusSeconds(7200));

        Files.delete(file);
        Thread.sleep(200);
        assertThat(clock.instant()).as("file removed: back to the base clock").isEqualTo(BASE);
    }

    @Test
    void anUnreadableValueKeepsTheLastGoodOffset() throws Exception {
        Path file = dir.resolve("clock-offset");
        Files.writeString(file, "PT30M");
        Clock clock = clock(file, Duration.ZERO);
        assertThat(clock.instant()).isEqualTo(BASE.plusSeconds(1800));
        Files.writeString(file, "tomorrow");
        assertThat(clock.instant()).isEqualTo(BASE.plusSeconds(1800));
    }

    private static Clock clock(Path file, Duration refresh) {
        return new ClockProducer.OffsetFileClock(Clock.fixed(BASE, ZoneOffset.UTC), file, refresh);
    }
}
