package dev.sessio.notifications.domain;

import dev.sessio.notifications.config.NotificationsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns due reminders into queued emails. A batch is claimed {@code FOR UPDATE SKIP LOCKED} and, in the same
 * transaction, rendered into email rows and marked SENT: two replicas never claim the same reminder, and a crash
 * rolls back both the rows and the mark. The email worker then sends them.
 * <p>
 * A due join-link reminder waits for video-service's link, except when the session starts within
 * {@code join-link-grace}: then it goes out pointing to the account page.
 */
@ApplicationScoped
public class ReminderWorker {

    private final DataSource dataSource;
    private final SessionEmails sessions;
    private final MentoringEmails mentoring;
    private final NotificationsConfig config;
    private final Clock clock;

    public ReminderWorker(DataSource dataSource, SessionEmails sessions, MentoringEmails mentoring,
                          NotificationsConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.sessions = sessions;
        this.mentoring = mentoring;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${notifications.reminders.poll-interval:5s}", delayed = "${notifications.sending.start-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        runDue();
    }

    /** Processes every due reminder, batch after batch; returns how many were turned into emails. */
    public int runDue() {
        int done = 0;
        while (true) {
            int batch = QuarkusTransaction.requiringNew().call(this::claimAndRender);
            done += batch;
            if (batch < config.reminders().batchSize()) {
                return done;
            }
        }
    }

    private int claimAndRender() throws SQLException {
        Instant now = clock.instant();
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement claim = c.prepareStatement("""
                     SELECT r.id FROM reminder r
                     LEFT JOIN join_link j ON j.registration_id = r.registration_id
                     WHERE r.status = 'PENDING' AND r.due_at <= ?
                       AND (r.kind <> 'JOIN_LINK' OR j.join_url IS NOT NULL OR r.starts_at <= ?)
                     ORDER BY r.due_at
                     LIMIT ?
                     FOR UPDATE OF r SKIP LOCKED""")) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setTimestamp(2, Timestamp.from(now.plus(config.reminders().joinLinkGrace())));
            claim.setInt(3, config.reminders().batchSize());
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        for (Long id : ids) {
            Reminder reminder = Reminder.findById(id);
            if (Reminder.JOIN_LINK.equals(reminder.kind)) {
                sessions.joinLinkDue(reminder);
            } else {
                mentoring.reminderDue(reminder);
            }
            reminder.status = Reminder.SENT;
            reminder.updatedAt = now;
        }
        return ids.size();
    }
}
