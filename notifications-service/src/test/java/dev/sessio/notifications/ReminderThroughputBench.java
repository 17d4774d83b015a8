package dev.sessio.notifications;

import dev.sessio.notifications.domain.ReminderWorker;
import dev.sessio.notifications.infra.EmailWorker;
import dev.sessio.testing.SmtpResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of the reminder pipeline, measured inside the running service (single shot, after a warm-up): 10,000
 * due join-link reminders are claimed, rendered into email rows and handed to the SMTP server (GreenMail) until
 * every one is SENT. Not part of the suite (its name does not end in Test); run it with
 * {@code ./mvnw -pl notifications-service test -Dtest=ReminderThroughputBench}. Writes
 * {@code benchmarks/reminder-throughput.txt}.
 */
@QuarkusTest
public class ReminderThroughputBench {

    static final int REMINDERS = 10_000;

    @Inject
    ReminderWorker reminders;
    @Inject
    EmailWorker emails;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TestClock clock;

    @Test
    public void tenThousandDueRemindersRenderedAndHandedToSmtp() throws Exception {
        clock.reset();
        run(); // warm-up: JIT, connection pools, template cache
        double[] seconds = {run(), run()};
        double mean = (seconds[0] + seconds[1]) / 2;
        double rate = REMINDERS / mean;
        String report = """
                Reminder pipeline throughput (single shot, 1 warm-up + 2 measured runs, in the running service)
                what: %d due join-link reminders claimed (FOR UPDATE SKIP LOCKED), rendered (Qute, fr) into email rows
                      and handed to GreenMail over SMTP until all are SENT; the benchmark thread plus the scheduled
                      reminder and email workers; PostgreSQL 17 embedded, GreenMail 2.1 in the same JVM, SMTP
                      connections pooled (keep-alive), 4 handovers in flight per worker
                machine: %d cores (shared with other builds), %s %s
                runs: %.1f s, %.1f s
                rate: %.0f reminders/s
                """.formatted(REMINDERS, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), seconds[0], seconds[1], rate);
        Path file = Path.of("benchmarks/reminder-throughput.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
        assertThat(sent(lastBatch)).isEqualTo(REMINDERS);
    }

    private String lastBatch;

    /** Inserts a batch of due reminders, then times the pipeline until every email of the batch is SENT. */
    private double run() throws Exception {
        SmtpResource.purge();
        String batch = UUID.randomUUID().toString();
        insertDueReminders(batch);
        long started = System.nanoTime();
        while (sent(batch) < REMINDERS) {
            reminders.runDue();
            emails.sendDue();
        }
        lastBatch = batch;
        return (System.nanoTime() - started) / 1e9;
    }

    long sent(String batch) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement(
                     "SELECT count(*) FROM email WHERE status = 'SENT' AND recipient LIKE ?")) {
            count.setString(1, "bench-" + batch + "-%");
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Contacts, registrations, join links and due reminders for {@link #REMINDERS} organisations, in batches. */
    void insertDueReminders(String batch) throws Exception {
        Instant now = Instant.now();
        Timestamp start = Timestamp.from(now.plus(Duration.ofHours(47)));
        Timestamp due = Timestamp.from(now.minus(Duration.ofHours(1)));
        Timestamp at = Timestamp.from(now);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement contact = c.prepareStatement("INSERT INTO organisation_contact VALUES (?, ?, ?, NULL, 'fr', ?)");
                 PreparedStatement registration = c.prepareStatement(
                         "INSERT INTO registration VALUES (?, ?, ?, 'Charlemagne : les bases', ?, 90, 0, 'CONFIRMED')");
                 PreparedStatement link = c.prepareStatement("INSERT INTO join_link VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement reminder = c.prepareStatement("""
                         INSERT INTO reminder (kind, registration_id, session_id, starts_at, due_at, status, updated_at)
                         VALUES ('JOIN_LINK', ?, ?, ?, ?, 'PENDING', ?)""")) {
                for (int i = 0; i < REMINDERS; i++) {
                    UUID org = UUID.randomUUID();
                    UUID session = UUID.randomUUID();
                    UUID reg = UUID.randomUUID();
                    contact.setObject(1, org);
                    contact.setString(2, "École " + i);
                    contact.setString(3, "bench-" + batch + "-" + i + "@example.fr");
                    contact.setTimestamp(4, at);
                    contact.addBatch();
                    registration.setObject(1, reg);
                    registration.setObject(2, session);
                    registration.setObject(3, org);
                    registration.setTimestamp(4, start);
                    registration.addBatch();
                    link.setObject(1, reg);
                    link.setObject(2, session);
                    link.setObject(3, org);
                    link.setString(4, "https://video.sessio.dev/j/" + reg);
                    link.setTimestamp(5, at);
                    link.addBatch();
                    reminder.setObject(1, reg);
                    reminder.setObject(2, session);
                    reminder.setTimestamp(3, start);
                    reminder.setTimestamp(4, due);
                    reminder.setTimestamp(5, at);
                    reminder.addBatch();
                }
                contact.executeBatch();
                registration.executeBatch();
                link.executeBatch();
                reminder.executeBatch();
            }
            c.commit();
        }
    }
}
