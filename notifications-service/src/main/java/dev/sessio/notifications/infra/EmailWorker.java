package dev.sessio.notifications.infra;

import dev.sessio.notifications.config.NotificationsConfig;
import dev.sessio.notifications.domain.Email;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Sends queued emails. Each batch is claimed in its own short transaction ({@code FOR UPDATE SKIP LOCKED}: two
 * replicas never claim the same row) and marked SENDING with a lease; then each email is handed to SMTP outside any
 * transaction and marked SENT, or put back PENDING with an exponential backoff, or FAILED after the last attempt.
 * <p>
 * A crash after the claim leaves the row SENDING; once its lease has passed another worker sends it again, with
 * the same Message-ID. So nothing is ever dropped, and a duplicate needs a crash in the instant between the relay's
 * acceptance and the SENT update (the relay and mail clients can recognise it by its Message-ID).
 */
@ApplicationScoped
public class EmailWorker {

    private static final Logger LOG = Logger.getLogger(EmailWorker.class);

    private final DataSource dataSource;
    private final SmtpSender smtp;
    private final NotificationsConfig config;
    private final Clock clock;
    private final Counter sent;
    private final Counter failures;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    public EmailWorker(DataSource dataSource, SmtpSender smtp, NotificationsConfig config, Clock clock,
                       MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.smtp = smtp;
        this.config = config;
        this.clock = clock;
        this.sent = metrics.counter("sessio_notifications_emails_sent");
        this.failures = metrics.counter("sessio_notifications_smtp_failures");
    }

    @Scheduled(every = "${notifications.sending.poll-interval:1s}", delayed = "${notifications.sending.start-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        sendDue();
    }

    /** Sends every email due now, batch after batch; returns how many were handed to SMTP. */
    public int sendDue() {
        int handed = 0;
        while (true) {
            List<UUID> claimed = claim(config.sending().batchSize());
            if (claimed.isEmpty()) {
                return handed;
            }
            handed += sendAll(claimed);
            if (claimed.size() < config.sending().batchSize()) {
                return handed;
            }
        }
    }

    /** Claims up to {@code limit} due emails (and SENDING ones whose worker died): SENDING, attempts + 1, leased. */
    List<UUID> claim(int limit) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement claim = c.prepareStatement("""
                         UPDATE email SET status = 'SENDING', attempts = attempts + 1, lease_until = ?
                         WHERE id IN (SELECT id FROM email
                                      WHERE (status = 'PENDING' AND next_attempt_at <= ?)
                                         OR (status = 'SENDING' AND lease_until < ?)
                                      ORDER BY next_attempt_at
                                      LIMIT ?
                                      FOR UPDATE SKIP LOCKED)
                         RETURNING id""")) {
                claim.setTimestamp(1, Timestamp.from(now.plus(config.sending().lease())));
                claim.setTimestamp(2, Timestamp.from(now));
                claim.setTimestamp(3, Timestamp.from(now));
                claim.setInt(4, limit);
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    /** Up to {@code concurrency} handovers at once; a slow one holds only its own slot, not the rest of the batch. */
    private int sendAll(List<UUID> ids) {
        List<Email> emails = QuarkusTransaction.requiringNew().call(() -> Email.<Email>list("id in ?1", ids));
        Semaphore slots = new Semaphore(Math.max(1, config.sending().concurrency()));
        List<Future<Boolean>> inFlight = new ArrayList<>();
        for (Email email : emails) {
            slots.acquireUninterruptibly();
            inFlight.add(senders.submit(() -> {
                try {
                    return sendOne(email);
                } finally {
                    slots.release();
                }
            }));
        }
        int handed = 0;
        for (Future<Boolean> result : inFlight) {
            try {
                handed += result.get() ? 1 : 0;
            } catch (Exception e) {
                LOG.error("email worker task failed", e);
            }
        }
        return handed;
    }

    private boolean sendOne(Email email) {
        try {
            smtp.send(email);
        } catch (RuntimeException e) {
            failures.increment();
            recordFailure(email, e);
            return false;
        }
        markSent(email);
        sent.increment();
        return true;
    }

    /** The relay has the mail: insist on recording it, never send it again because the database blinked. */
    private void markSent(Email email) {
        for (int attempt = 1; ; attempt++) {
            try {
                update("UPDATE email SET status = 'SENT', sent_at = ?, lease_until = NULL, last_error = NULL "
                        + "WHERE id = ? AND status = 'SENDING'", clock.instant(), email.id);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 10) {
                    LOG.errorf(e, "email %s was sent but cannot be marked SENT", email.id);
                    return;
                }
                sleep(200L * attempt);
            }
        }
    }

    private void recordFailure(Email email, RuntimeException e) {
        String reason = reason(e);
        Instant now = clock.instant();
        if (email.attempts >= config.sending().maxAttempts()) {
            LOG.errorf("email %s (%s to %s) FAILED after %d attempts: %s", email.id, email.kind, email.recipient,
                    email.attempts, reason);
            update("UPDATE email SET status = 'FAILED', lease_until = NULL, last_error = ? WHERE id = ? AND status = 'SENDING'",
                    reason, email.id);
        } else {
            Instant next = now.plus(backoff(email.attempts));
            LOG.warnf("email %s (%s) not sent (attempt %d of %d), next try at %s: %s", email.id, email.kind,
                    email.attempts, config.sending().maxAttempts(), next, reason);
            update("UPDATE email SET status = 'PENDING', lease_until = NULL, last_error = ?, next_attempt_at = ? "
                    + "WHERE id = ? AND status = 'SENDING'", reason, next, email.id);
        }
    }

    /** initial × 2^(attempts − 1), capped. */
    Duration backoff(int attempts) {
        Duration delay = config.sending().initialBackoff();
        for (int i = 1; i < attempts && delay.compareTo(config.sending().maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.sending().maxBackoff()) > 0 ? config.sending().maxBackoff() : delay;
    }

    private void update(String sql, Object... parameters) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    Object p = parameters[i];
                    update.setObject(i + 1, p instanceof Instant at ? Timestamp.from(at) : p);
                }
                update.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "SMTP failure" : root.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
