package dev.sessio.notifications;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses an invite back with the library, as a calendar client would. */
public final class Calendars {

    private Calendars() {
    }

    public record Parsed(String method, String uid, int sequence, Instant start, Instant end, String status,
                         String summary, String raw) {
    }

    /** RFC 5545 folds lines at 75 octets; tests read the unfolded text. */
    static String unfold(String ics) {
        return ics.replace("\r\n ", "").replace("\n ", "");
    }

    public static Parsed parse(String ics) {
        assertThat(ics).as("an invite is attached").isNotNull();
        ICalendar calendar = Biweekly.parse(ics).first();
        assertThat(calendar).as("the invite parses").isNotNull();
        assertThat(calendar.getEvents()).hasSize(1);
        VEvent event = calendar.getEvents().get(0);
        return new Parsed(calendar.getMethod().getValue(), event.getUid().getValue(), event.getSequence().getValue(),
                event.getDateStart().getValue().toInstant(), event.getDateEnd().getValue().toInstant(),
                event.getStatus().getValue(), event.getSummary().getValue(), unfold(ics));
    }
}
