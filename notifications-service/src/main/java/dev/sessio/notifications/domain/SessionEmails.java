package dev.sessio.notifications.domain;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationConfirmed;
import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.events.sessions.SessionRescheduled;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.video.JoinLinkIssued;
import dev.sessio.notifications.config.NotificationsConfig;
import dev.sessio.notifications.infra.CalendarInvites;
import dev.sessio.notifications.infra.CalendarInvites.Invite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Webinar registrations: confirmation with its invite, the 48 h join-link reminder, reschedules (same UID, higher
 * SEQUENCE, reminder moved) and cancellations (METHOD:CANCEL, refund said, reminder dropped). Mentoring sessions
 * are handed to {@link MentoringEmails}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SessionEmails {

    private final EmailQueue queue;
    private final Contacts contacts;
    private final Feed feed;
    private final Reminders reminders;
    private final CalendarInvites invites;
    private final MentoringEmails mentoring;
    private final NotificationsConfig config;
    private final Preferences preferences;
    private final Clock clock;

    public SessionEmails(EmailQueue queue, Contacts contacts, Feed feed, Reminders reminders, CalendarInvites invites,
                         MentoringEmails mentoring, Preferences preferences, NotificationsConfig config, Clock clock) {
        this.preferences = preferences;
        this.queue = queue;
        this.contacts = contacts;
        this.feed = feed;
        this.reminders = reminders;
        this.invites = invites;
        this.mentoring = mentoring;
        this.config = config;
        this.clock = clock;
    }

    public void scheduled(String eventId, SessionScheduled e) {
        SessionRecord session = SessionRecord.<SessionRecord>findByIdOptional(e.sessionId()).orElseGet(SessionRecord::new);
        session.sessionId = e.sessionId();
        session.kind = e.kind().name();
        session.title = e.title();
        session.startsAt = e.startsAt();
        session.durationMinutes = e.durationMinutes();
        session.mentorId = e.mentorId();
        session.mentorEmail = e.mentorEmail();
        session.studentId = e.studentId();
        session.studentEmail = e.studentEmail();
        session.persist();
        if (session.isMentoring()) {
            mentoring.planned(eventId, session);
        }
    }

    public void confirmed(String eventId, RegistrationConfirmed e) {
        Registration registration = Registration.<Registration>findByIdOptional(e.registrationId())
                .orElseGet(Registration::new);
        registration.registrationId = e.registrationId();
        registration.sessionId = e.sessionId();
        registration.organisationId = e.organisationId();
        registration.sessionTitle = e.sessionTitle();
        registration.startsAt = e.sessionStartsAt();
        registration.durationMinutes = e.durationMinutes();
        registration.sequence = SessionRecord.<SessionRecord>findByIdOptional(e.sessionId()).map(s -> s.sequence).orElse(0);
        registration.status = "CONFIRMED";
        registration.persist();

        Contacts.Recipient to = contacts.organisation(e.organisationId());
        Map<String, Object> data = sessionData(registration, to);
        data.put("joinLinkSoon", registration.startsAt.minus(config.reminders().joinLinkLead()).isAfter(clock.instant()));
        send(EmailKind.REGISTRATION_CONFIRMED, registration, to, data, CalendarInvites.Kind.REQUEST, eventId);
        reminders.joinLink(registration.registrationId, registration.sessionId, registration.startsAt);
    }

    public void joinLinkIssued(JoinLinkIssued e) {
        JoinLink link = JoinLink.<JoinLink>findByIdOptional(e.registrationId()).orElseGet(JoinLink::new);
        link.registrationId = e.registrationId();
        link.sessionId = e.sessionId();
        link.organisationId = e.organisationId();
        link.joinUrl = e.joinUrl();
        link.issuedAt = clock.instant();
        link.persist();
    }

    public void rescheduled(String eventId, SessionRescheduled e) {
        SessionRecord session = SessionRecord.<SessionRecord>findByIdOptional(e.sessionId()).orElse(null);
        Instant previous = session != null ? session.startsAt : e.previousStartsAt();
        if (session != null) {
            session.title = e.title();
            session.startsAt = e.startsAt();
            session.durationMinutes = e.durationMinutes();
            session.sequence = Math.max(session.sequence + 1, e.sequence());
            if (session.isMentoring()) {
                mentoring.rescheduled(eventId, session, previous);
                return;
            }
        }
        for (Registration registration : Registration.<Registration>list("sessionId = ?1 and status = 'CONFIRMED'",
                e.sessionId())) {
            Instant was = registration.startsAt;
            registration.sessionTitle = e.title();
            registration.startsAt = e.startsAt();
            registration.durationMinutes = e.durationMinutes();
            registration.sequence = Math.max(registration.sequence + 1, e.sequence());
            Contacts.Recipient to = contacts.organisation(registration.organisationId);
            Map<String, Object> data = sessionData(registration, to);
            data.put("previousWhen", Locales.dateTime(was, contacts.localeOf(to.userId(), to.locale())));
            send(EmailKind.REGISTRATION_RESCHEDULED, registration, to, data, CalendarInvites.Kind.REQUEST, eventId);
        }
        reminders.sessionMoved(e.sessionId(), e.startsAt());
    }

    public void sessionCancelled(String eventId, SessionCancelled e) {
        SessionRecord session = SessionRecord.<SessionRecord>findByIdOptional(e.sessionId()).orElse(null);
        if (session == null) {
            return;
        }
        session.cancelled = true;
        session.cancelReason = e.reason();
        if (session.isMentoring()) {
            mentoring.cancelled(eventId, session);
        }
        // Webinars: each registration gets its own RegistrationCancelled, which says whether the token comes back.
    }

    public void registrationCancelled(String eventId, RegistrationCancelled e) {
        Registration registration = Registration.<Registration>findByIdOptional(e.registrationId()).orElse(null);
        reminders.dropRegistration(e.registrationId());
        if (registration == null || !registration.confirmed()) {
            return; // never confirmed here, or already cancelled: no invite to withdraw
        }
        registration.status = "CANCELLED";
        registration.sequence = registration.sequence + 1;
        Contacts.Recipient to = contacts.organisation(registration.organisationId);
        Map<String, Object> data = sessionData(registration, to);
        data.put("refunded", e.refundable());
        String reason = SessionRecord.<SessionRecord>findByIdOptional(e.sessionId())
                .filter(s -> s.cancelled).map(s -> s.cancelReason == null ? "" : s.cancelReason).orElse(null);
        data.put("sessionCancelled", reason != null);
        data.put("reason", reason == null ? "" : reason);
        send(EmailKind.REGISTRATION_CANCELLED, registration, to, data, CalendarInvites.Kind.CANCEL, eventId);
    }

    /** Renders the join-link email of a due reminder: to the organisation, and to members who asked for a copy. */
    public void joinLinkDue(Reminder reminder) {
        Registration registration = Registration.findById(reminder.registrationId);
        if (registration == null || !registration.confirmed()) {
            return;
        }
        String joinUrl = JoinLink.<JoinLink>findByIdOptional(registration.registrationId).map(l -> l.joinUrl).orElse(null);
        Contacts.Recipient to = contacts.organisation(registration.organisationId);
        String dedup = "reminder:" + reminder.id + ":" + reminder.dueAt.toEpochMilli();
        String locale = contacts.localeOf(to.userId(), to.locale());
        Map<String, Object> data = sessionData(registration, to);
        data.put("joinUrl", joinUrl == null ? "" : joinUrl);
        data.put("hasJoinUrl", joinUrl != null);
        queue.queue(Outgoing.of(EmailKind.JOIN_LINK, to.email(), locale, data, dedup + ":" + to.email())
                .organisation(registration.organisationId));
        for (UserProfile member : preferences.membersWanting(registration.organisationId, EmailCategory.JOIN_LINK_COPY)) {
            if (!member.email.equalsIgnoreCase(String.valueOf(to.email()))) {
                queue.queue(Outgoing.of(EmailKind.JOIN_LINK, member.email, member.locale, data, dedup + ":" + member.email)
                        .organisation(registration.organisationId).user(member.userId));
            }
        }
        feed.post(registration.organisationId, null, EmailKind.JOIN_LINK, to.locale(), data,
                joinUrl != null ? joinUrl : accountLink());
    }

    private void send(EmailKind kind, Registration registration, Contacts.Recipient to, Map<String, Object> data,
                      CalendarInvites.Kind method, String eventId) {
        String locale = contacts.localeOf(to.userId(), to.locale());
        String ics = to.email() == null ? null : invites.write(method, new Invite(
                CalendarInvites.registrationUid(registration.registrationId), registration.sequence,
                registration.sessionTitle, config.platformName() + " – " + accountLink(), registration.startsAt,
                registration.durationMinutes, accountLink(), to.email()));
        queue.queue(Outgoing.of(kind, to.email(), locale, data, eventId + ":" + kind + ":" + registration.registrationId)
                .organisation(registration.organisationId).invite(ics, method.name()));
        feed.post(registration.organisationId, null, kind, to.locale(), data, accountLink());
    }

    private Map<String, Object> sessionData(Registration registration, Contacts.Recipient to) {
        String locale = contacts.localeOf(to.userId(), to.locale());
        Map<String, Object> data = new HashMap<>();
        data.put("organisation", to.organisationName());
        data.put("title", registration.sessionTitle);
        data.put("when", Locales.dateTime(registration.startsAt, locale));
        data.put("duration", registration.durationMinutes);
        data.put("link", accountLink());
        return data;
    }

    private String accountLink() {
        return config.webBaseUrl() + "/compte/webvisio";
    }
}
