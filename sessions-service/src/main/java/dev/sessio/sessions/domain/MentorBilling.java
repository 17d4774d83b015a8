package dev.sessio.sessions.domain;

import dev.sessio.events.Money;
import dev.sessio.events.sessions.MentoringSessionReported;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.sessions.config.SessionsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Mentors' monthly billing statement and the checks ops run on mentoring sessions. Months and periods are read in
 * the display zone (Europe/Paris).
 */
@ApplicationScoped
public class MentorBilling {

    public record Line(UUID sessionId, String mentorId, String studentId, SessionKind kind, Instant startsAt,
                       int plannedMinutes, Integer videoMinutes, String status, boolean exception,
                       BillingRules.Rule rule, int percent, boolean billable, Money amount) {
    }

    public record Statement(YearMonth month, String mentorId, List<Line> lines, int billableSessions, Money total) {
    }

    public enum Attention { COMPLETED_WITHOUT_VIDEO_OR_REASON, DURATION_FAR_FROM_PLANNED, EXCEPTION, NOT_REPORTED }

    public record NeedsAttention(MentoringSession session, List<Attention> reasons) {
    }

    public record Attendance(String studentId, int planned, int held, int missed, int cancelled, int notReported) {
    }

    private final MentoringSessions sessions;
    private final SessionsConfig config;
    private final BillingRules rules;
    private final java.time.Clock clock;

    public MentorBilling(MentoringSessions sessions, SessionsConfig config, java.time.Clock clock) {
        this.sessions = sessions;
        this.config = config;
        this.rules = new BillingRules(config.billing());
        this.clock = clock;
    }

    /** @param mentorId null for every mentor (ops) */
    public Statement statement(YearMonth month, String mentorId) {
        ZoneId zone = config.displayZone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        String currency = config.billing().currency();
        List<Line> lines = new ArrayList<>();
        long total = 0;
        int billable = 0;
        for (MentoringSession s : sessions.inPeriod(mentorId, null, from, to)) {
            BillingRules.Outcome outcome = rules.apply(s.kind, s.reportStatus, s.exception,
                    Boolean.TRUE.equals(s.cancelledLate));
            lines.add(new Line(s.id, s.mentorId, s.studentId, s.kind, s.startsAt, s.durationMinutes, s.videoMinutes,
                    s.reportStatus == null ? "NOT_REPORTED" : s.reportStatus.name(), s.exception, outcome.rule(),
                    outcome.percent(), outcome.billable(), new Money(outcome.amount(), currency)));
            total += outcome.amount();
            billable += outcome.billable() ? 1 : 0;
        }
        return new Statement(month, mentorId, lines, billable, new Money(total, currency));
    }

    /** Sessions in [from, to) that ops should look at, with why. */
    public List<NeedsAttention> needingAttention(Instant from, Instant to) {
        Instant now = clock.instant();
        int tolerance = config.billing().durationToleranceMinutes();
        List<NeedsAttention> found = new ArrayList<>();
        for (MentoringSession s : sessions.inPeriod(null, null, from, to)) {
            List<Attention> reasons = new ArrayList<>();
            if (s.reportStatus == MentoringSessionReported.Status.COMPLETED && !Boolean.TRUE.equals(s.videoUsed)
                    && s.videoNotUsedReason == null) {
                reasons.add(Attention.COMPLETED_WITHOUT_VIDEO_OR_REASON);
            }
            // Only a session said to have happened (or not reported yet) should last about as planned.
            if (s.videoMinutes != null && (s.reportStatus == null || s.reportStatus == MentoringSessionReported.Status.COMPLETED)
                    && Math.abs(s.videoMinutes - s.durationMinutes) > tolerance) {
                reasons.add(Attention.DURATION_FAR_FROM_PLANNED);
            }
            if (s.exception) {
                reasons.add(Attention.EXCEPTION);
            }
            if (s.reportStatus == null && !now.isBefore(s.endsAt)) {
                reasons.add(Attention.NOT_REPORTED);
            }
            if (!reasons.isEmpty()) {
                found.add(new NeedsAttention(s, reasons));
            }
        }
        return found;
    }

    /** Per student, over sessions starting in [from, to): held, missed (absent), cancelled, not reported yet. */
    public List<Attendance> attendance(Instant from, Instant to, String studentId) {
        java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
        for (MentoringSession s : sessions.inPeriod(null, studentId, from, to)) {
            int[] c = counts.computeIfAbsent(s.studentId, k -> new int[5]);
            c[0]++;
            if (s.reportStatus == null) {
                c[4]++;
            } else {
                switch (s.reportStatus) {
                    case COMPLETED -> c[1]++;
                    case STUDENT_ABSENT -> c[2]++;
                    case CANCELLED -> c[3]++;
                }
            }
        }
        return counts.entrySet().stream()
                .map(e -> new Attendance(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                        e.getValue()[3], e.getValue()[4]))
                .toList();
    }
}
