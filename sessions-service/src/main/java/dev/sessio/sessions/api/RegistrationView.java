package dev.sessio.sessions.api;

import dev.sessio.sessions.domain.CatalogueSession;
import dev.sessio.sessions.domain.Registration;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A registration with its session.
 *
 * @param rejectionReason set when REJECTED, e.g. {@code INSUFFICIENT_TOKENS}
 * @param refundable      set when CANCELLED: whether the token is given back
 * @param joinUrl         once video-service issued it, for CONFIRMED registrations only
 */
public record RegistrationView(UUID id, UUID organisationId, String status, String rejectionReason,
                               OffsetDateTime requestedAt, OffsetDateTime cancelledAt, Boolean refundable,
                               String joinUrl, SessionSummary session) {

    public record SessionSummary(UUID id, String title, String theme, OffsetDateTime startsAt, int durationMinutes,
                                 String status) {
    }

    /** This (PENDING) registration as the saga decided it: {@code CONFIRMED}, or {@code REJECTED} with the reason. */
    RegistrationView decided(String status, String reason) {
        return new RegistrationView(id, organisationId, status, reason, requestedAt, cancelledAt, refundable, joinUrl,
                session);
    }

    static RegistrationView of(Registration r, ZoneId zone) {
        CatalogueSession s = r.session;
        return new RegistrationView(r.id, r.organisationId, r.status.name(), r.rejectionReason,
                Periods.shown(r.requestedAt, zone), Periods.shown(r.cancelledAt, zone), r.refundable,
                r.status == Registration.Status.CONFIRMED ? r.joinUrl : null,
                new SessionSummary(s.id, s.title, s.theme, Periods.shown(s.startsAt, zone), s.durationMinutes,
                        s.status.name()));
    }
}
