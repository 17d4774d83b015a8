package dev.sessio.sessions.domain;

import dev.sessio.events.accounts.MentoringUserCreated;
import dev.sessio.events.sessions.MentoringSessionReported;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.video.BugReported;
import dev.sessio.events.video.VideoUsageRecorded;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.sessions.config.SessionsConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Mentoring sessions and defences: planning, reports, and the video facts that billing relies on. */
@ApplicationScoped
public class MentoringSessions {

    public record Plan(String studentId, Instant startsAt, int durationMinutes, SessionKind kind, String title) {
    }

    public record Report(MentoringSessionReported.Status status, String notes,
                         MentoringSessionReported.VideoNotUsedReason videoNotUsedReason, String videoNotUsedDetails,
                         MentoringSession.CancelledBy cancelledBy, Instant cancelledAt) {
    }

    /** Who may see which sessions: a mentor or a student sees theirs; ops see all (optionally filtered). */
    public record Viewer(String userId, boolean ops, boolean mentor, boolean student) {
    }

    private final Outbox outbox;
    private final SessionsConfig config;
    private final Clock clock;

    public MentoringSessions(Outbox outbox, SessionsConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Plans a session. The invites go to the mentor's token email (else the address accounts-service announced) and
     * to the student's announced address; a participant with neither gets the in-account notification only.
     */
    @Transactional
    public MentoringSession plan(String mentorId, String mentorEmail, Plan plan) {
        Instant now = clock.instant();
        if (plan.kind() == SessionKind.WEBINAR) {
            throw Refusals.invalidField("kind", "must be MENTORING or DEFENCE");
        }
        if (!plan.startsAt().isAfter(now)) {
            throw Refusals.startsInPast();
        }
        Instant endsAt = plan.startsAt().plus(Duration.ofMinutes(plan.durationMinutes()));
        Panache.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked")
                .setParameter("key", "mentor:" + mentorId).getSingleResult();
        MentoringSession.<MentoringSession>find("mentorId = ?1 and startsAt < ?2 and endsAt > ?3 "
                        + "and (reportStatus is null or reportStatus <> ?4)", mentorId, endsAt, plan.startsAt(),
                MentoringSessionReported.Status.CANCELLED).firstResultOptional().ifPresent(other -> {
            throw ProblemException.conflict("mentor-unavailable", "Mentor unavailable",
                    "You already have a session at that time").with("conflictingSessionId", other.id);
        });
        MentoringSession session = new MentoringSession();
        session.id = UUID.randomUUID();
        session.kind = plan.kind();
        session.title = plan.title() != null && !plan.title().isBlank() ? plan.title().strip()
                : plan.kind() == SessionKind.DEFENCE ? "Defence" : "Mentoring session";
        session.mentorId = mentorId;
        session.studentId = plan.studentId();
        session.startsAt = plan.startsAt();
        session.durationMinutes = plan.durationMinutes();
        session.endsAt = endsAt;
        session.createdAt = now;
        session.persist();
        String mentorAddress = mentorEmail != null && !mentorEmail.isBlank() ? mentorEmail
                : MentoringParticipant.emailOf(mentorId).orElse(null);
        outbox.record(new SessionScheduled(session.id, session.kind, session.title, null, session.startsAt,
                session.durationMinutes, null, mentorId, session.studentId, null, mentorAddress,
                MentoringParticipant.emailOf(session.studentId).orElse(null)), session.id);
        return session;
    }

    /** accounts-service created a mentor or a student: keep where to send their invites (latest wins). */
    @Transactional
    public void participantCreated(MentoringUserCreated created) {
        MentoringParticipant participant = MentoringParticipant.<MentoringParticipant>findByIdOptional(created.userId())
                .orElseGet(MentoringParticipant::new);
        participant.userId = created.userId();
        participant.role = created.role().name();
        participant.email = created.email();
        participant.firstName = created.firstName();
        participant.locale = created.locale();
        participant.updatedAt = clock.instant();
        participant.persist();
    }

    /** GDPR erasure in accounts-service: our copy of the contact goes too. */
    @Transactional
    public void personalDataErased(String userId) {
        MentoringParticipant.deleteById(userId);
    }

    /**
     * Files (or replaces) the mentor's report. When video-service recorded no use of the video tool, a completed or
     * student-absent session needs a reason, else {@code 422}.
     */
    @Transactional
    public MentoringSession report(UUID id, String mentorId, Report report) {
        Instant now = clock.instant();
        MentoringSession session = Optional.ofNullable(
                        MentoringSession.<MentoringSession>findById(id, LockModeType.PESSIMISTIC_WRITE))
                .filter(s -> s.mentorId.equals(mentorId))
                .orElseThrow(() -> ProblemException.notFound("Mentoring session " + id));
        boolean cancelled = report.status() == MentoringSessionReported.Status.CANCELLED;
        if (!cancelled && now.isBefore(session.startsAt)) {
            throw ProblemException.conflict("session-not-started", "Session not started",
                    "Only a cancellation can be reported before the session starts");
        }
        if (cancelled && report.cancelledBy() == null) {
            throw Refusals.invalidField("cancelledBy", "is required when the status is CANCELLED");
        }
        if (!cancelled && session.noVideoUseRecorded()) {
            if (report.videoNotUsedReason() == null) {
                throw ProblemException.unprocessable("video-not-used-reason-required", "Reason required",
                        "The video tool recorded no use for this session: give videoNotUsedReason "
                                + "(ACCOMMODATION_RQTH, or OTHER with videoNotUsedDetails)");
            }
            if (report.videoNotUsedReason() == MentoringSessionReported.VideoNotUsedReason.OTHER
                    && (report.videoNotUsedDetails() == null || report.videoNotUsedDetails().isBlank())) {
                throw ProblemException.unprocessable("video-not-used-reason-required", "Details required",
                        "videoNotUsedReason OTHER needs videoNotUsedDetails");
            }
        }
        session.reportStatus = report.status();
        session.reportNotes = report.notes();
        session.videoNotUsedReason = report.videoNotUsedReason();
        session.videoNotUsedDetails = report.videoNotUsedDetails();
        session.cancelledBy = cancelled ? report.cancelledBy() : null;
        Instant cancelledAt = report.cancelledAt() != null ? report.cancelledAt() : now;
        session.cancelledLate = cancelled ? report.cancelledBy() == MentoringSession.CancelledBy.STUDENT
                && cancelledAt.isAfter(session.startsAt.minus(config.billing().lateCancellationWindow())) : null;
        session.reportedAt = now;
        outbox.record(new MentoringSessionReported(session.id, session.mentorId, session.studentId, session.kind,
                session.reportStatus, session.usageRecorded ? session.videoUsed : null, session.videoNotUsedReason,
                session.exception), session.id);
        return session;
    }

    /** A bug report tags the session EXCEPTION; events about catalogue webinars are none of mentoring's business. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bugReported(BugReported event) {
        MentoringSession session = MentoringSession.findById(event.sessionId(), LockModeType.PESSIMISTIC_WRITE);
        if (session != null) {
            session.exception = true;
            session.bugReports++;
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void usageRecorded(VideoUsageRecorded event) {
        MentoringSession session = MentoringSession.findById(event.sessionId(), LockModeType.PESSIMISTIC_WRITE);
        if (session != null) {
            session.usageRecorded = true;
            session.videoUsed = event.used();
            session.videoFirstJoinAt = event.firstJoinAt();
            session.videoLastLeaveAt = event.lastLeaveAt();
            session.videoMinutes = event.minutesWithTwoOrMore();
        }
    }

    public Optional<MentoringSession> visible(UUID id, Viewer viewer) {
        return MentoringSession.<MentoringSession>findByIdOptional(id).filter(s -> viewer.ops()
                || viewer.mentor() && s.mentorId.equals(viewer.userId())
                || viewer.student() && s.studentId.equals(viewer.userId()));
    }

    public List<MentoringSession> list(Viewer viewer, String mentorId, String studentId, Instant from, Instant to,
                                       int page, int size) {
        return query(viewer, mentorId, studentId, from, to).page(Page.of(page, size)).list();
    }

    public long count(Viewer viewer, String mentorId, String studentId, Instant from, Instant to) {
        return query(viewer, mentorId, studentId, from, to).count();
    }

    /** Every session starting in [from, to), optionally of one mentor or student; for billing and ops views. */
    public List<MentoringSession> inPeriod(String mentorId, String studentId, Instant from, Instant to) {
        return query(new Viewer(null, true, false, false), mentorId, studentId, from, to).list();
    }

    private static PanacheQuery<MentoringSession> query(Viewer viewer, String mentorId, String studentId,
                                                        Instant from, Instant to) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (!viewer.ops()) {
            // A user who is both mentor and student sees both sides.
            where.append(viewer.mentor() && viewer.student() ? " and (mentorId = :me or studentId = :me)"
                    : viewer.mentor() ? " and mentorId = :me" : " and studentId = :me");
            parameters.and("me", viewer.userId());
        }
        if (mentorId != null) {
            where.append(" and mentorId = :mentor");
            parameters.and("mentor", mentorId);
        }
        if (studentId != null) {
            where.append(" and studentId = :student");
            parameters.and("student", studentId);
        }
        if (from != null) {
            where.append(" and startsAt >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            where.append(" and startsAt < :to");
            parameters.and("to", to);
        }
        return MentoringSession.find(where + " order by startsAt, id", parameters);
    }
}
