package dev.sessio.sessions.domain;

import dev.sessio.events.sessions.MentoringSessionReported.Status;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.sessions.config.SessionsConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The billing rules alone, with rates and percentages that differ from the defaults. */
class BillingRulesTest {

    final BillingRules rules = new BillingRules(new SessionsConfig.Billing() {
        public String currency() { return "EUR"; }
        public long mentoringRate() { return 4000; }
        public long defenceRate() { return 6000; }
        public int completedPercent() { return 100; }
        public int studentAbsentPercent() { return 40; }
        public int cancelledPercent() { return 10; }
        public int cancelledLateByStudentPercent() { return 60; }
        public int exceptionPercent() { return 90; }
        public int unreportedPercent() { return 5; }
        public Duration lateCancellationWindow() { return Duration.ofHours(24); }
        public int durationToleranceMinutes() { return 15; }
    });

    @Test
    void eachStatusPaysItsPercentageOfTheKindsRate() {
        assertThat(rules.apply(SessionKind.MENTORING, Status.COMPLETED, false, false))
                .isEqualTo(new BillingRules.Outcome(BillingRules.Rule.COMPLETED, 100, 4000));
        assertThat(rules.apply(SessionKind.DEFENCE, Status.COMPLETED, false, false).amount()).isEqualTo(6000);
        assertThat(rules.apply(SessionKind.MENTORING, Status.STUDENT_ABSENT, false, false))
                .isEqualTo(new BillingRules.Outcome(BillingRules.Rule.STUDENT_ABSENT, 40, 1600));
        assertThat(rules.apply(SessionKind.DEFENCE, Status.CANCELLED, false, true))
                .isEqualTo(new BillingRules.Outcome(BillingRules.Rule.CANCELLED_LATE_BY_STUDENT, 60, 3600));
        assertThat(rules.apply(SessionKind.DEFENCE, Status.CANCELLED, false, false))
                .isEqualTo(new BillingRules.Outcome(BillingRules.Rule.CANCELLED, 10, 600));
        assertThat(rules.apply(SessionKind.MENTORING, null, false, false))
                .isEqualTo(new BillingRules.Outcome(BillingRules.Rule.NOT_REPORTED, 5, 200));
    }

    @Test
    void anExceptionPaysItsPercentageWhateverHappened() {
        for (Status status : new Status[]{null, Status.COMPLETED, Status.STUDENT_ABSENT, Status.CANCELLED}) {
            assertThat(rules.apply(SessionKind.MENTORING, status, true, true))
                    .isEqualTo(new BillingRules.Outcome(BillingRules.Rule.EXCEPTION, 90, 3600));
        }
    }

    @Test
    void aZeroAmountIsNotBillable() {
        BillingRules free = new BillingRules(new SessionsConfig.Billing() {
            public String currency() { return "EUR"; }
            public long mentoringRate() { return 3000; }
            public long defenceRate() { return 4500; }
            public int completedPercent() { return 100; }
            public int studentAbsentPercent() { return 50; }
            public int cancelledPercent() { return 0; }
            public int cancelledLateByStudentPercent() { return 50; }
            public int exceptionPercent() { return 100; }
            public int unreportedPercent() { return 0; }
            public Duration lateCancellationWindow() { return Duration.ofHours(24); }
            public int durationToleranceMinutes() { return 15; }
        });
        assertThat(free.apply(SessionKind.MENTORING, Status.CANCELLED, false, false).billable()).isFalse();
        assertThat(free.apply(SessionKind.MENTORING, Status.STUDENT_ABSENT, false, false).billable()).isTrue();
    }
}
