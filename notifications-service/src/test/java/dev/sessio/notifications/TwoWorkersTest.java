package dev.sessio.notifications;

import dev.sessio.notifications.domain.EmailKind;
import dev.sessio.notifications.domain.JoinLink;
import dev.sessio.notifications.domain.OrganisationContact;
import dev.sessio.notifications.domain.Registration;
import dev.sessio.notifications.domain.Reminder;
import dev.sessio.notifications.domain.ReminderWorker;
import dev.sessio.notifications.infra.EmailWorker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two reminder workers and two email workers (plus the scheduled ones) racing: every reminder goes out once. */
@QuarkusTest
class TwoWorkersTest {

    @Inject
    TestClock clock;
    @Inject
    ReminderWorker reminders;
    @Inject
    EmailWorker emails;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void eachDueReminderIsSentExactlyOnce() throws Exception {
        Instant now = Instant.now();
        clock.reset();
        List<String> addresses = dueReminders(40, now.plus(Duration.ofHours(47)));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> rendered = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            rendered.add(pool.submit(() -> {
                go.await();
                return reminders.runDue();
            }));
            pool.submit(() -> {
                go.await();
                for (int round = 0; round < 20; round++) {
                    emails.sendDue();
                }
                return null;
            });
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> f : rendered) {
            total += f.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(60)).until(() -> addresses.stream().allMatch(a -> Mailbox.to(a).size() >= 1));
        assertThat(total).isLessThanOrEqualTo(40);
        for (String address : addresses) {
            assertThat(Mailbox.to(address)).as(address).hasSize(1);
            assertThat(Deliveries.to(address)).as(address).hasSize(1)
                    .allMatch(e -> e.kind == EmailKind.JOIN_LINK);
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reminder.count("sessionId in ?1 and status = 'SENT'",
                sessions))).isEqualTo(40);
    }

    private final List<UUID> sessions = new ArrayList<>();

    /** Registrations with their link and a reminder already due, written straight into the projections. */
    private List<String> dueReminders(int count, Instant start) {
        List<String> addresses = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                UUID org = UUID.randomUUID();
                UUID session = UUID.randomUUID();
                UUID registration = UUID.randomUUID();
                sessions.add(session);
                OrganisationContact contact = new OrganisationContact();
                contact.organisationId = org;
                contact.name = "École " + i;
                contact.email = "race-" + org + "@example.fr";
                contact.locale = "fr";
                contact.updatedAt = clock.instant();
                contact.persist();
                addresses.add(contact.email);
                Registration r = new Registration();
                r.registrationId = registration;
                r.sessionId = session;
                r.organisationId = org;
                r.sessionTitle = "Session " + i;
                r.startsAt = start;
                r.durationMinutes = 60;
                r.status = "CONFIRMED";
                r.persist();
                JoinLink link = new JoinLink();
                link.registrationId = registration;
                link.sessionId = session;
                link.organisationId = org;
                link.joinUrl = "https://video.sessio.dev/j/" + registration;
                link.issuedAt = clock.instant();
                link.persist();
                Reminder reminder = new Reminder();
                reminder.kind = Reminder.JOIN_LINK;
                reminder.registrationId = registration;
                reminder.sessionId = session;
                reminder.startsAt = start;
                reminder.dueAt = start.minus(Duration.ofHours(48));
                reminder.status = Reminder.PENDING;
                reminder.updatedAt = clock.instant();
                reminder.persist();
            }
        });
        return addresses;
    }
}
