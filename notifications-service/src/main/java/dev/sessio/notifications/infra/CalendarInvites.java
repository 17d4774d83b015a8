package dev.sessio.notifications.infra;

import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.DaylightSavingsTime;
import biweekly.component.StandardTime;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.io.text.ICalWriter;
import biweekly.parameter.ParticipationStatus;
import biweekly.parameter.Role;
import biweekly.property.Attendee;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import biweekly.util.DateTimeComponents;
import biweekly.util.DayOfWeek;
import biweekly.util.Frequency;
import biweekly.util.Recurrence;
import biweekly.util.UtcOffset;
import dev.sessio.notifications.config.NotificationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/**
 * iCalendar (RFC 5545 / iTIP RFC 5546) invites written with biweekly: {@code METHOD:REQUEST} for a new or moved
 * event, {@code METHOD:CANCEL} for a cancelled one; times in Europe/Paris with its VTIMEZONE (DST rules included, as
 * Outlook requires), a stable UID per registration and a SEQUENCE that grows with each change.
 */
@ApplicationScoped
public class CalendarInvites {

    public static final String TZID = "Europe/Paris";

    public enum Kind { REQUEST, CANCEL }

    /** What goes into one VEVENT. */
    public record Invite(String uid, int sequence, String title, String description, Instant startsAt,
                         int durationMinutes, String location, String attendeeEmail) {
    }

    private final NotificationsConfig config;
    private final Clock clock;

    public CalendarInvites(NotificationsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public static String registrationUid(Object registrationId) {
        return "registration-" + registrationId + "@sessio.dev";
    }

    public static String sessionUid(Object sessionId) {
        return "session-" + sessionId + "@sessio.dev";
    }

    public String write(Kind kind, Invite invite) {
        ICalendar ical = new ICalendar();
        ical.setProductId("-//Sessio//Notifications//FR");
        ical.setMethod(kind == Kind.CANCEL ? Method.cancel() : Method.request());

        VEvent event = new VEvent();
        event.setUid(invite.uid());
        event.setSequence(invite.sequence());
        event.setDateTimeStamp(Date.from(clock.instant()));
        event.setSummary(invite.title());
        if (invite.description() != null) {
            event.setDescription(invite.description());
        }
        event.setDateStart(Date.from(invite.startsAt()), true);
        event.setDateEnd(Date.from(invite.startsAt().plus(Duration.ofMinutes(invite.durationMinutes()))), true);
        if (invite.location() != null) {
            event.setLocation(invite.location());
            event.setUrl(invite.location());
        }
        event.setStatus(kind == Kind.CANCEL ? Status.cancelled() : Status.confirmed());
        event.setOrganizer(new Organizer(config.platformName(), address(config.from())));
        Attendee attendee = new Attendee(null, invite.attendeeEmail());
        attendee.setRole(Role.ATTENDEE);
        attendee.setParticipationStatus(ParticipationStatus.NEEDS_ACTION);
        attendee.setRsvp(false);
        event.addAttendee(attendee);
        ical.addEvent(event);
        ical.getTimezoneInfo().setDefaultTimezone(paris());

        StringWriter out = new StringWriter();
        try (ICalWriter writer = new ICalWriter(out, ICalVersion.V2_0)) {
            writer.write(ical);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an invite", e);
        }
        return out.toString();
    }

    /** Europe/Paris as a VTIMEZONE with its EU rules: summer time from the last Sunday of March to that of October. */
    static TimezoneAssignment paris() {
        VTimezone vtimezone = new VTimezone(TZID);

        DaylightSavingsTime summer = new DaylightSavingsTime();
        summer.setDateStart(new DateTimeComponents(1996, 3, 31, 2, 0, 0, false));
        summer.setTimezoneOffsetFrom(new UtcOffset(true, 1, 0));
        summer.setTimezoneOffsetTo(new UtcOffset(true, 2, 0));
        summer.addTimezoneName("CEST");
        summer.setRecurrenceRule(new Recurrence.Builder(Frequency.YEARLY).byMonth(3).byDay(-1, DayOfWeek.SUNDAY).build());
        vtimezone.addDaylightSavingsTime(summer);

        StandardTime winter = new StandardTime();
        winter.setDateStart(new DateTimeComponents(1996, 10, 27, 3, 0, 0, false));
        winter.setTimezoneOffsetFrom(new UtcOffset(true, 2, 0));
        winter.setTimezoneOffsetTo(new UtcOffset(true, 1, 0));
        winter.addTimezoneName("CET");
        winter.setRecurrenceRule(new Recurrence.Builder(Frequency.YEARLY).byMonth(10).byDay(-1, DayOfWeek.SUNDAY).build());
        vtimezone.addStandardTime(winter);

        return new TimezoneAssignment(TimeZone.getTimeZone(TZID), vtimezone);
    }

    private static String address(String from) {
        int lt = from.indexOf('<');
        int gt = from.indexOf('>');
        return lt >= 0 && gt > lt ? from.substring(lt + 1, gt) : from.trim();
    }
}
