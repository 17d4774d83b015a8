package dev.sessio.tokens.domain.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;

/** Tokens are valid until the end of the current school year: by default 31 August, 23:59:59, Paris time. */
public record SchoolYear(MonthDay lastDay, ZoneId zone) {

    public static final SchoolYear FRANCE = new SchoolYear(MonthDay.of(8, 31), ZoneId.of("Europe/Paris"));

    /** The last instant at which a token bought at {@code at} can still be spent. */
    public Instant endFor(Instant at) {
        LocalDate today = LocalDate.ofInstant(at, zone);
        LocalDate end = lastDay.atYear(today.getYear());
        if (today.isAfter(end)) {
            end = lastDay.atYear(today.getYear() + 1);
        }
        return end.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant();
    }
}
