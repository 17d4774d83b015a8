package dev.sessio.notifications.domain;

import dev.sessio.events.video.RecordingAvailable;
import dev.sessio.notifications.config.NotificationsConfig;
import dev.sessio.notifications.infra.CalendarInvites;
import dev.sessio.notifications.infra.CalendarInvites.Invite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mentoring sessions and defences: invite to mentor and student (one UID per session), reschedule and cancel
 * updates, the reminder before, and the recording of a defence (to the mentor and the jury). Addresses come with SessionScheduled
 * ({@code mentorEmail}, {@code studentEmail}); a participant without one gets the in-account notification only.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MentoringEmails {

    public static final String MENTOR = "MENTOR";
    public static final String STUDENT = "STUDENT";
    public static final String JURY = "JURY";

    private record Participant(String role, String userId, String email) {
    }

    private final EmailQueue queue;
    private final Contacts contacts;
    private final Feed feed;
    private final Reminders reminders;
    private final CalendarInvites invites;
    private final NotificationsConfig config;

    public MentoringEmails(EmailQueue queue, Contacts contacts, Feed feed, Reminders reminders,
                           CalendarInvites invites, NotificationsConfig config) {
        this.queue = queue;
        this.contacts = contacts;
        this.feed = feed;
        this.reminders = reminders;
        this.invites = invites;
        this.config = config;
    }

    void planned(String eventId, SessionRecord session) {
        for (Participant p : participants(session)) {
            send(EmailKind.MENTORING_PLANNED, session, p, CalendarInvites.Kind.REQUEST, Map.of(), eventId);
            reminders.mentoring(session.sessionId, p.role(), session.startsAt);
        }
    }

    void rescheduled(String eventId, SessionRecord session, Instant previous) {
        for (Participant p : participants(session)) {
            String locale = contacts.localeOf(p.userId(), null);
            send(EmailKind.MENTORING_RESCHEDULED, session, p, CalendarInvites.Kind.REQUEST,
                    Map.of("previousWhen", Locales.dateTime(previous, locale)), eventId);
        }
        reminders.sessionMoved(session.sessionId, session.startsAt);
    }

    void cancelled(String eventId, SessionRecord session) {
        session.sequence = session.sequence + 1;
        for (Participant p : participants(session)) {
            send(EmailKind.MENTORING_CANCELLED, session, p, CalendarInvites.Kind.CANCEL,
                    Map.of("reason", session.cancelReason == null ? "" : session.cancelReason), eventId);
        }
        reminders.dropSession(session.sessionId);
    }

    /**
     * A defence's recording goes to those who may watch it: the mentor (email and feed) and the jury's address. Not
     * the student: video-service refuses them the recording.
     */
    public void recordingAvailable(String eventId, RecordingAvailable e) {
        SessionRecord session = SessionRecord.findById(e.sessionId());
        if (session == null || !session.isMentoring()) {
            return;
        }
        String link = config.webBaseUrl() + "/enregistrements/" + e.recordingId();
        List<Participant> recipients = new ArrayList<>(participants(session).stream()
                .filter(p -> MENTOR.equals(p.role())).toList());
        recipients.add(new Participant(JURY, null, config.juryEmail()));
        for (Participant p : recipients) {
            String locale = contacts.localeOf(p.userId(), null);
            Map<String, Object> data = data(session, locale);
            data.put("availableUntil", Locales.date(e.availableUntil(), locale));
            data.put("duration", Math.round(e.durationSeconds() / 60.0)); // the recording's minutes, not the planned ones
            data.put("link", link);
            queue.queue(Outgoing.of(EmailKind.RECORDING_AVAILABLE, p.email(), locale, data,
                    eventId + ":" + EmailKind.RECORDING_AVAILABLE + ":" + p.role()).user(p.userId()));
            if (p.userId() != null) {
                feed.post(null, p.userId(), EmailKind.RECORDING_AVAILABLE, locale, data, link);
            }
        }
    }

    /** The reminder of a due MENTORING reminder row, to the participant it is for. */
    public void reminderDue(Reminder reminder) {
        SessionRecord session = SessionRecord.findById(reminder.sessionId);
        if (session == null || session.cancelled) {
            return;
        }
        participants(session).stream().filter(p -> p.role().equals(reminder.recipientRole)).findFirst().ifPresent(p -> {
            String locale = contacts.localeOf(p.userId(), null);
            Map<String, Object> data = data(session, locale);
            queue.queue(Outgoing.of(EmailKind.MENTORING_REMINDER, p.email(), locale, data,
                    "reminder:" + reminder.id + ":" + reminder.dueAt.toEpochMilli()).user(p.userId()));
        });
    }

    private void send(EmailKind kind, SessionRecord session, Participant p, CalendarInvites.Kind method,
                      Map<String, Object> extra, String eventId) {
        String locale = contacts.localeOf(p.userId(), null);
        Map<String, Object> data = data(session, locale);
        data.put("mentor", MENTOR.equals(p.role()));
        data.putAll(extra);
        String ics = p.email() == null ? null : invites.write(method, new Invite(
                CalendarInvites.sessionUid(session.sessionId), session.sequence, session.title,
                config.platformName() + " – " + sessionLink(session), session.startsAt, session.durationMinutes,
                sessionLink(session), p.email()));
        queue.queue(Outgoing.of(kind, p.email(), locale, data, eventId + ":" + kind + ":" + p.role())
                .user(p.userId()).invite(ics, method.name()));
        feed.post(null, p.userId(), kind, locale, data, sessionLink(session));
    }

    private Map<String, Object> data(SessionRecord session, String locale) {
        Map<String, Object> data = new HashMap<>();
        data.put("title", session.title);
        data.put("defence", "DEFENCE".equals(session.kind));
        data.put("when", Locales.dateTime(session.startsAt, locale));
        data.put("duration", session.durationMinutes);
        data.put("link", sessionLink(session));
        return data;
    }

    private String sessionLink(SessionRecord session) {
        return config.webBaseUrl() + "/sessions/" + session.sessionId;
    }

    private static List<Participant> participants(SessionRecord session) {
        return java.util.stream.Stream.of(
                        new Participant(MENTOR, session.mentorId, session.mentorEmail),
                        new Participant(STUDENT, session.studentId, session.studentEmail))
                .filter(p -> p.userId() != null || p.email() != null)
                .toList();
    }
}
