package dev.sessio.notifications.api;

import dev.sessio.notifications.domain.Email;
import dev.sessio.notifications.domain.EmailKind;
import dev.sessio.notifications.domain.EmailStatus;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** An email as ops see it in the delivery log (no body: recipients' content stays private). */
public record DeliveryDto(UUID id, EmailKind kind, String recipient, UUID organisationId, String subject,
                          EmailStatus status, int attempts, String lastError, OffsetDateTime createdAt,
                          OffsetDateTime nextAttemptAt, OffsetDateTime sentAt, boolean calendarInvite) {

    static DeliveryDto of(Email e) {
        return new DeliveryDto(e.id, e.kind, e.recipient, e.organisationId, e.subject, e.status, e.attempts,
                e.lastError, at(e.createdAt), e.status == EmailStatus.PENDING ? at(e.nextAttemptAt) : null,
                at(e.sentAt), e.calendar != null);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A page of the delivery log. */
    public record Page(List<DeliveryDto> items, int page, int size, long total) {
    }
}
