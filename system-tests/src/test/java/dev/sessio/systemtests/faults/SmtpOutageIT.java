package dev.sessio.systemtests.faults;

import dev.sessio.systemtests.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #10: the SMTP server down for a minute while sign-ups ask for confirmation emails. Each email fails at
 * least once, waits in notifications-service's table, and goes out exactly once after the server is back.
 */
class SmtpOutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(60);

    @BeforeAll
    static void platformUp() {
        LocalPlatform.ensureUp();
    }

    @Test
    void emailsAskedForWhileSmtpIsDownGoOutExactlyOnceWhenItIsBack() {
        LocalPlatform.kill("greenmail", LocalPlatform.port(3025));
        long downAt = System.nanoTime();

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> recipients = IntStream.range(0, 5).mapToObj(i -> "smtp-" + run + "-" + i + "@faults.test").toList();
        recipients.forEach(Schools::signUp);

        await("every confirmation email tried and failed").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(emails(recipients)).hasSize(recipients.size()).allSatisfy(e -> {
                    assertThat(e.status()).isEqualTo("PENDING");
                    assertThat(e.attempts()).isGreaterThanOrEqualTo(1);
                    assertThat(e.lastError()).isNotBlank();
                }));

        long downFor = Duration.ofNanos(System.nanoTime() - downAt).toMillis();
        Retry.sleep(Math.max(0, OUTAGE.toMillis() - downFor));
        LocalPlatform.up();

        // Retries back off (30 s, then 60 s): the next one after the restart sends.
        await("every confirmation email sent").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(emails(recipients)).hasSize(recipients.size())
                        .allSatisfy(e -> assertThat(e.status()).isEqualTo("SENT")));
        Retry.sleep(5_000); // room for a duplicate to show up
        for (String recipient : recipients) {
            assertThat(Mailbox.messages(recipient)).as("mails received by %s", recipient).hasSize(1)
                    .allSatisfy(m -> assertThat(m).contains("token="));
        }
        assertThat(emails(recipients)).as("attempts: failed while down, then one that went through")
                .allSatisfy(e -> assertThat(e.attempts()).isGreaterThanOrEqualTo(2));
    }

    record Email(String recipient, String status, int attempts, String lastError) {
    }

    static List<Email> emails(List<String> recipients) {
        return Databases.query("notifications", """
                        SELECT recipient, status, attempts, last_error FROM email
                        WHERE kind = 'ACCOUNT_CONFIRMATION' AND recipient = ANY (?)""",
                rs -> new Email(Databases.string(rs, 1), Databases.string(rs, 2),
                        Integer.parseInt(Databases.string(rs, 3)), Databases.string(rs, 4)),
                (Object) recipients.toArray(String[]::new));
    }

    @AfterAll
    static void platformLeftUp() {
        LocalPlatform.ensureUp();
    }
}
