package dev.sessio.sessions.api;

import dev.sessio.sessions.domain.CatalogueSession;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A catalogue session as clients see it; times in Europe/Paris with their offset.
 *
 * @param placesLeft null when the capacity is unlimited
 * @param sequence   how many times it was rescheduled
 */
public record SessionView(UUID id, String title, String theme, String description, OffsetDateTime startsAt,
                          OffsetDateTime endsAt, int durationMinutes, String trainerId, Integer capacity,
                          Integer placesLeft, OffsetDateTime registrationClosesAt, boolean registrationOpen,
                          String status, int sequence, String cancellationReason) {

    static SessionView of(CatalogueSession s, long liveRegistrations, Instant now, ZoneId zone) {
        return new SessionView(s.id, s.title, s.theme, s.description, Periods.shown(s.startsAt, zone),
                Periods.shown(s.endsAt, zone), s.durationMinutes, s.trainerId, s.capacity,
                s.placesLeft(liveRegistrations), Periods.shown(s.registrationClosesAt, zone),
                s.registrationOpen(now, liveRegistrations), s.status.name(), s.scheduleSequence, s.cancellationReason);
    }
}
