package dev.sessio.notifications;

import dev.sessio.notifications.infra.CalendarInvites;
import dev.sessio.notifications.infra.CalendarInvites.Invite;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Invites parsed back with biweekly: Europe/Paris times, including on the days the clocks change. */
@QuarkusTest
class CalendarInvitesTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    CalendarInvites invites;

    @Test
    void aSessionOnTheSpringForwardDayKeepsItsParisTime() {
        Instant start = LocalDateTime.parse("2026-03-29T10:00").atZone(PARIS).toInstant();
        assertThat(start).isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
        var parsed = Calendars.parse(write(CalendarInvites.Kind.REQUEST, start, 90, 0));
        assertThat(parsed.raw()).contains("DTSTART;TZID=Europe/Paris:20260329T100000",
                "DTEND;TZID=Europe/Paris:20260329T113000", "BEGIN:VTIMEZONE", "TZOFFSETTO:+0200", "METHOD:REQUEST");
        assertThat(parsed.start()).isEqualTo(start);
        assertThat(parsed.end()).isEqualTo(start.plus(Duration.ofMinutes(90)));
    }

    @Test
    void aSessionAcrossTheSwitchAndOnTheFallBackDay() {
        // 00:30 CET → 04:30 CEST is three real hours: the wall clock jumps from 02:00 to 03:00.
        Instant night = LocalDateTime.parse("2026-03-29T00:30").atZone(PARIS).toInstant();
        var across = Calendars.parse(write(CalendarInvites.Kind.REQUEST, night, 180, 0));
        assertThat(across.raw()).contains("DTSTART;TZID=Europe/Paris:20260329T003000",
                "DTEND;TZID=Europe/Paris:20260329T043000");
        assertThat(across.start()).isEqualTo(Instant.parse("2026-03-28T23:30:00Z"));
        assertThat(across.end()).isEqualTo(Instant.parse("2026-03-29T02:30:00Z"));

        Instant autumn = LocalDateTime.parse("2026-10-25T10:00").atZone(PARIS).toInstant();
        var fallBack = Calendars.parse(write(CalendarInvites.Kind.REQUEST, autumn, 60, 3));
        assertThat(fallBack.raw()).contains("DTSTART;TZID=Europe/Paris:20261025T100000");
        assertThat(fallBack.start()).isEqualTo(Instant.parse("2026-10-25T09:00:00Z"));
        assertThat(fallBack.sequence()).isEqualTo(3);
    }

    @Test
    void aCancellationKeepsTheUidAndSaysCancelled() {
        Instant start = Instant.parse("2026-06-02T12:00:00Z");
        var parsed = Calendars.parse(write(CalendarInvites.Kind.CANCEL, start, 60, 2));
        assertThat(parsed.method()).isEqualTo("CANCEL");
        assertThat(parsed.status()).isEqualTo("CANCELLED");
        assertThat(parsed.uid()).isEqualTo("registration-r1@sessio.dev");
        assertThat(parsed.sequence()).isEqualTo(2);
        assertThat(parsed.raw()).contains("ORGANIZER;CN=Sessio:mailto:no-reply@sessio.dev",
                "mailto:ecole@example.fr", "DTSTART;TZID=Europe/Paris:20260602T140000");
    }

    private String write(CalendarInvites.Kind kind, Instant start, int minutes, int sequence) {
        return invites.write(kind, new Invite(CalendarInvites.registrationUid("r1"), sequence, "Charlemagne : les bases",
                "Sessio", start, minutes, "https://app.sessio.dev/compte/webvisio", "ecole@example.fr"));
    }
}
