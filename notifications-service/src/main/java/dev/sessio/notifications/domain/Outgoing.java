package dev.sessio.notifications.domain;

import java.util.Map;
import java.util.UUID;

/**
 * An email to queue: who, in which language, the template data, and optionally a calendar invite.
 *
 * @param userId   the recipient's user id when known: their preferences and language apply
 * @param dedupKey unique per email (event id + kind + recipient): queuing it twice keeps one row
 */
public record Outgoing(EmailKind kind, String recipient, UUID organisationId, String userId, String locale,
                       Map<String, Object> data, String calendar, String calendarMethod, String dedupKey) {

    public static Outgoing of(EmailKind kind, String recipient, String locale, Map<String, Object> data,
                              String dedupKey) {
        return new Outgoing(kind, recipient, null, null, locale, data, null, null, dedupKey);
    }

    public Outgoing organisation(UUID organisation) {
        return new Outgoing(kind, recipient, organisation, userId, locale, data, calendar, calendarMethod, dedupKey);
    }

    public Outgoing user(String user) {
        return new Outgoing(kind, recipient, organisationId, user, locale, data, calendar, calendarMethod, dedupKey);
    }

    public Outgoing invite(String ics, String method) {
        return new Outgoing(kind, recipient, organisationId, userId, locale, data, ics, method, dedupKey);
    }
}
