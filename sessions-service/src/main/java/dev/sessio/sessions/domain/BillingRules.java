package dev.sessio.sessions.domain;

import dev.sessio.events.sessions.MentoringSessionReported;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.sessions.config.SessionsConfig;

/** How much of its rate a mentoring session pays, from the rules in configuration. Pure: no clock, no database. */
public final class BillingRules {

    /** Which rule applied: shown on each line of the statement. */
    public enum Rule { EXCEPTION, COMPLETED, STUDENT_ABSENT, CANCELLED_LATE_BY_STUDENT, CANCELLED, NOT_REPORTED }

    /** @param amount cents */
    public record Outcome(Rule rule, int percent, long amount) {
        public boolean billable() {
            return amount > 0;
        }
    }

    private final SessionsConfig.Billing config;

    public BillingRules(SessionsConfig.Billing config) {
        this.config = config;
    }

    /**
     * @param cancelledLate only read when the status is CANCELLED: cancelled by the student within the late window
     */
    public Outcome apply(SessionKind kind, MentoringSessionReported.Status status, boolean exception,
                         boolean cancelledLate) {
        Rule rule;
        int percent;
        if (exception) {
            rule = Rule.EXCEPTION;
            percent = config.exceptionPercent();
        } else if (status == null) {
            rule = Rule.NOT_REPORTED;
            percent = config.unreportedPercent();
        } else {
            switch (status) {
                case COMPLETED -> {
                    rule = Rule.COMPLETED;
                    percent = config.completedPercent();
                }
                case STUDENT_ABSENT -> {
                    rule = Rule.STUDENT_ABSENT;
                    percent = config.studentAbsentPercent();
                }
                default -> {
                    rule = cancelledLate ? Rule.CANCELLED_LATE_BY_STUDENT : Rule.CANCELLED;
                    percent = cancelledLate ? config.cancelledLateByStudentPercent() : config.cancelledPercent();
                }
            }
        }
        long rate = kind == SessionKind.DEFENCE ? config.defenceRate() : config.mentoringRate();
        return new Outcome(rule, percent, rate * percent / 100);
    }
}
