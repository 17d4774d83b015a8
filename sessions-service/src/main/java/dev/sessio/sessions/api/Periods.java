package dev.sessio.sessions.api;

import dev.sessio.sessions.domain.Refusals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Reading the dates and months of query parameters, in the zone people read (Europe/Paris). */
final class Periods {

    private Periods() {
    }

    record Range(Instant from, Instant to) {
    }

    static OffsetDateTime shown(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }

    /** [from 00:00, to + 1 day 00:00) with {@code to} inclusive; null bounds take the given defaults. */
    static Range days(String from, String to, LocalDate defaultFrom, LocalDate defaultTo, ZoneId zone) {
        LocalDate first = from == null || from.isBlank() ? defaultFrom : date("from", from);
        LocalDate last = to == null || to.isBlank() ? defaultTo : date("to", to);
        if (last.isBefore(first)) {
            throw Refusals.invalidField("to", "must not be before from");
        }
        return new Range(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** Like {@link #days} without defaults: a missing bound stays null (open-ended). */
    static Range openDays(String from, String to, ZoneId zone) {
        LocalDate first = from == null || from.isBlank() ? null : date("from", from);
        LocalDate last = to == null || to.isBlank() ? null : date("to", to);
        if (first != null && last != null && last.isBefore(first)) {
            throw Refusals.invalidField("to", "must not be before from");
        }
        return new Range(first == null ? null : first.atStartOfDay(zone).toInstant(),
                last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    static YearMonth month(String value, YearMonth defaultMonth) {
        if (value == null || value.isBlank()) {
            return defaultMonth;
        }
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw Refusals.invalidField("month", "must be a month such as 2026-11");
        }
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw Refusals.invalidField(field, "must be a date such as 2026-11-30");
        }
    }
}
