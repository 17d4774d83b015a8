package dev.sessio.notifications.domain;

import dev.sessio.notifications.config.NotificationsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Reminder rows: created with the confirmation, moved by a reschedule, dropped by a cancellation, all in the event's
 * transaction. A reschedule waits for a worker's claim on the row (row lock), so it never races a send.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Reminders {

    private final NotificationsConfig config;
    private final Clock clock;

    public Reminders(NotificationsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The join link, {@code join-link-lead} before the start, or at once when that is already past. */
    public void joinLink(UUID registrationId, UUID sessionId, Instant startsAt) {
        upsert(Reminder.JOIN_LINK, registrationId, sessionId, null, startsAt, config.reminders().joinLinkLead());
    }

    public void mentoring(UUID sessionId, String role, Instant startsAt) {
        upsert(Reminder.MENTORING, null, sessionId, role, startsAt, config.reminders().mentoringLead());
    }

    /**
     * A session moved: every live reminder of it follows (pending ones get a new due time; already sent ones are
     * armed again for the new date). One whose session is now past is dropped.
     */
    public void sessionMoved(UUID sessionId, Instant startsAt) {
        Instant now = clock.instant();
        for (Reminder reminder : Reminder.<Reminder>list("sessionId = ?1 and status <> ?2", sessionId, Reminder.DROPPED)) {
            if (reminder.startsAt.equals(startsAt)) {
                continue;
            }
            Duration lead = Reminder.JOIN_LINK.equals(reminder.kind)
                    ? config.reminders().joinLinkLead() : config.reminders().mentoringLead();
            reminder.startsAt = startsAt;
            reminder.dueAt = later(startsAt.minus(lead), now);
            reminder.status = startsAt.isAfter(now) ? Reminder.PENDING : Reminder.DROPPED;
            reminder.updatedAt = now;
        }
    }

    public void dropRegistration(UUID registrationId) {
        Reminder.update("status = ?1, updatedAt = ?2 where registrationId = ?3 and status = ?4",
                Reminder.DROPPED, clock.instant(), registrationId, Reminder.PENDING);
    }

    public void dropSession(UUID sessionId) {
        Reminder.update("status = ?1, updatedAt = ?2 where sessionId = ?3 and status = ?4",
                Reminder.DROPPED, clock.instant(), sessionId, Reminder.PENDING);
    }

    private void upsert(String kind, UUID registrationId, UUID sessionId, String role, Instant startsAt, Duration lead) {
        Instant now = clock.instant();
        if (!startsAt.isAfter(now)) {
            return;
        }
        Reminder reminder = (registrationId != null
                ? Reminder.<Reminder>find("kind = ?1 and registrationId = ?2", kind, registrationId)
                : Reminder.<Reminder>find("kind = ?1 and sessionId = ?2 and recipientRole = ?3", kind, sessionId, role))
                .firstResultOptional().orElseGet(Reminder::new);
        reminder.kind = kind;
        reminder.registrationId = registrationId;
        reminder.sessionId = sessionId;
        reminder.recipientRole = role;
        reminder.startsAt = startsAt;
        reminder.dueAt = later(startsAt.minus(lead), now);
        reminder.status = Reminder.PENDING;
        reminder.updatedAt = now;
        reminder.persist();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
