package dev.sessio.notifications;

import dev.sessio.notifications.domain.ReminderWorker;
import dev.sessio.notifications.infra.EmailWorker;
import dev.sessio.testing.SmtpResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of the reminder pipeline, measured with JMH inside the running service (forks 0, single shot): 10,000
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

    static ReminderThroughputBench running;

    @Test
    public void tenThousandDueRemindersRenderedAndHandedToSmtp() throws Exception {
        running = this;
        clock.tick();
        Options options = new OptionsBuilder()
                .include(ReminderThroughputBench.class.getName() + ".Pipeline")
                .forks(0)
                .warmupIterations(1)
                .measurementIterations(2)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        RunResult result = results.iterator().next();
        double secondsPerRun = result.getPrimaryResult().getScore();
        double rate = REMINDERS / secondsPerRun;
        String report = """
                Reminder pipeline throughput (JMH %s, single shot, forks 0, 1 warm-up + 2 measured runs)
                what: %d due join-link reminders claimed (FOR UPDATE SKIP LOCKED), rendered (Qute, fr) into email rows
                      and handed to GreenMail over SMTP until all are SENT; one scheduled worker pair plus the
                      benchmark thread; PostgreSQL 17 embedded, GreenMail 2.1 in the same JVM
                machine: %d cores, %s
                seconds per %d reminders: %.2f (± %.2f)
                rate: %.0f reminders/s
                """.formatted(org.openjdk.jmh.util.Utils.getCurrentJvmVersion(), REMINDERS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), REMINDERS,
                secondsPerRun, result.getPrimaryResult().getScoreError(), rate);
        Path file = Path.of("benchmarks/reminder-throughput.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
        assertThat(rate).isPositive();
    }

    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public static class Pipeline {

        String batch;

        @Setup(Level.Iteration)
        public void dueReminders() throws Exception {
            SmtpResource.purge();
            batch = UUID.randomUUID().toString();
            running.insertDueReminders(batch);
        }

        @Benchmark
        public long renderAndSend() throws Exception {
            long sent;
            do {
                running.reminders.runDue();
                running.emails.sendDue();
                sent = running.sent(batch);
            } while (sent < REMINDERS);
            return sent;
        }
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
