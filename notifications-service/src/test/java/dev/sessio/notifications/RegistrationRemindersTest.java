package dev.sessio.notifications;

import dev.sessio.testing.KafkaTestClient;
import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationConfirmed;
import dev.sessio.events.sessions.SessionRescheduled;
import dev.sessio.events.video.JoinLinkIssued;
import dev.sessio.notifications.domain.EmailKind;
import dev.sessio.notifications.domain.Reminder;
import dev.sessio.notifications.domain.ReminderWorker;
import dev.sessio.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registration confirmed (with its invite), the join link at T−48 h with a fixed clock, moved by a reschedule,
 * dropped by a cancellation, at once for a late registration.
 */
@QuarkusTest
class RegistrationRemindersTest {

    static final Duration H48 = Duration.ofHours(48);
    static final String CONFIRMED = "Inscription confirmée";
    static final String JOIN_LINK = "Votre lien de connexion";

    @Inject
    TestClock clock;
    @Inject
    ReminderWorker reminders;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void confirmationCarriesTheInviteAndTheJoinLinkGoesOutAtTMinus48Hours() {
        var org = Organisations.registered("fr-FR");
        Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        clock.runFrom(start.minus(Duration.ofHours(72)));
        UUID registration = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String joinUrl = "https://video.sessio.dev/j/" + registration;
        // The link may come before the confirmation: both orders must work.
        KafkaTestClient.publish(new JoinLinkIssued(registration, session, org.id(), joinUrl), session);
        KafkaTestClient.publish(new RegistrationConfirmed(registration, session, org.id(), "Charlemagne : les bases", start, 90), session);

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), CONFIRMED).size() == 1);
        var confirmation = Mailbox.to(org.email(), CONFIRMED).get(0);
        assertThat(confirmation.subject()).isEqualTo("Inscription confirmée : Charlemagne : les bases");
        assertThat(confirmation.text()).contains("Collège Jean Moulin", "Durée : 90 minutes",
                "48 heures avant la session");
        assertThat(confirmation.calendarContentType()).contains("text/calendar").contains("method=REQUEST");
        var invite = Calendars.parse(confirmation.calendar());
        assertThat(invite.method()).isEqualTo("REQUEST");
        assertThat(invite.uid()).isEqualTo("registration-" + registration + "@sessio.dev");
        assertThat(invite.sequence()).isZero();
        assertThat(invite.start()).isEqualTo(start);
        assertThat(invite.end()).isEqualTo(start.plus(Duration.ofMinutes(90)));
        assertThat(invite.raw()).contains("TZID:Europe/Paris", "DTSTART;TZID=Europe/Paris:");
        assertThat(reminder(registration).dueAt).isEqualTo(start.minus(H48));
        assertThat(reminder(registration).status).isEqualTo(Reminder.PENDING);

        // A staff member asks for their own copy of the join link (opt-in); their address is their token's.
        String staffEmail = "staff-" + org.id() + "@example.fr";
        given().auth().oauth2(TestTokens.user("staff-" + org.id()).org(org.id()).email(staffEmail).roles("school-staff").token())
                .contentType("application/json").body(Map.of("emails", Map.of("JOIN_LINK_COPY", true)))
                .when().put("/api/notifications/preferences").then().statusCode(200);

        clock.set(start.minus(H48).minusSeconds(60));
        reminders.runDue(); // other tests' reminders may be due too: only this registration's matter
        assertThat(kinds(org.email(), EmailKind.JOIN_LINK)).isZero();

        clock.runFrom(start.minus(H48));
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), JOIN_LINK).size() == 1);
        var joinLink = Mailbox.to(org.email(), JOIN_LINK).get(0);
        assertThat(joinLink.subject()).startsWith("Votre lien de connexion : Charlemagne : les bases, ");
        assertThat(joinLink.html()).contains(joinUrl);
        assertThat(joinLink.text()).contains(joinUrl);
        assertThat(reminder(registration).status).isEqualTo(Reminder.SENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(staffEmail, JOIN_LINK).size() == 1);
        assertThat(Mailbox.to(staffEmail, JOIN_LINK).get(0).text()).contains(joinUrl);
        reminders.runDue(); // other tests' reminders may be due too: only this registration's matter
        assertThat(kinds(org.email(), EmailKind.JOIN_LINK)).isEqualTo(1);
    }

    @Test
    void aRescheduleSendsTheUpdatedInviteAndMovesTheReminder() {
        var org = Organisations.registered("fr-FR");
        Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        Instant moved = start.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30));
        clock.runFrom(start.minus(Duration.ofHours(72)));
        UUID registration = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        KafkaTestClient.publish(new RegistrationConfirmed(registration, session, org.id(), "EcoleDirecte", start, 60), session);
        KafkaTestClient.publish(new JoinLinkIssued(registration, session, org.id(), "https://video.sessio.dev/j/" + registration), session);
        KafkaTestClient.publish(new SessionRescheduled(session, dev.sessio.events.sessions.SessionKind.WEBINAR, "EcoleDirecte",
                start, moved, 60, 1), session);

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), "Nouvelle date").size() == 1);
        var update = Mailbox.to(org.email(), "Nouvelle date").get(0);
        var invite = Calendars.parse(update.calendar());
        assertThat(invite.method()).isEqualTo("REQUEST");
        assertThat(invite.uid()).isEqualTo("registration-" + registration + "@sessio.dev");
        assertThat(invite.sequence()).isEqualTo(1);
        assertThat(invite.start()).isEqualTo(moved);
        assertThat(update.text()).contains("Avant :", "Désormais :");
        assertThat(reminder(registration).dueAt).isEqualTo(moved.minus(H48));

        clock.set(start.minus(H48));
        reminders.runDue(); // other tests' reminders may be due too: only this registration's matter
        assertThat(kinds(org.email(), EmailKind.JOIN_LINK)).isZero();

        clock.runFrom(moved.minus(H48));
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), JOIN_LINK).size() == 1);
        assertThat(kinds(org.email(), EmailKind.JOIN_LINK)).isEqualTo(1);
    }

    @Test
    void aCancellationWithdrawsTheInviteSaysTheRefundAndDropsTheReminder() {
        var org = Organisations.registered("fr-FR");
        Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        clock.runFrom(start.minus(Duration.ofHours(72)));
        UUID registration = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        KafkaTestClient.publish(new RegistrationConfirmed(registration, session, org.id(), "Pronote avancé", start, 60), session);
        KafkaTestClient.publish(new JoinLinkIssued(registration, session, org.id(), "https://video.sessio.dev/j/" + registration), session);
        KafkaTestClient.publish(new RegistrationCancelled(registration, session, org.id(), true, "admin", start), session);

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), "Annulation").size() == 1);
        var cancel = Mailbox.to(org.email(), "Annulation").get(0);
        assertThat(cancel.text()).contains("Le jeton utilisé est recrédité sur votre solde.");
        assertThat(cancel.calendarContentType()).contains("method=CANCEL");
        var invite = Calendars.parse(cancel.calendar());
        assertThat(invite.method()).isEqualTo("CANCEL");
        assertThat(invite.uid()).isEqualTo("registration-" + registration + "@sessio.dev");
        assertThat(invite.sequence()).isEqualTo(1);
        assertThat(invite.status()).isEqualTo("CANCELLED");
        assertThat(reminder(registration).status).isEqualTo(Reminder.DROPPED);

        clock.set(start.minus(H48));
        reminders.runDue(); // other tests' reminders may be due too: only this registration's matter
        assertThat(kinds(org.email(), EmailKind.JOIN_LINK)).isZero();
    }

    @Test
    void aRegistrationLessThan48HoursAheadGetsTheJoinLinkAsSoonAsItExists() {
        var org = Organisations.registered("en");
        Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        clock.runFrom(start.minus(Duration.ofHours(20)));
        UUID registration = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        KafkaTestClient.publish(new RegistrationConfirmed(registration, session, org.id(), "Charlemagne", start, 60), session);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), "Registration confirmed").size() == 1);
        assertThat(Mailbox.to(org.email(), "Registration confirmed").get(0).text()).contains("less than 48 hours away");
        // Due, but waiting for video-service's link.
        reminders.runDue();
        assertThat(reminder(registration).status).isEqualTo(Reminder.PENDING);

        KafkaTestClient.publish(new JoinLinkIssued(registration, session, org.id(), "https://video.sessio.dev/j/late"), session);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), "Your join link").size() == 1);
        var joinLink = Mailbox.to(org.email(), "Your join link").get(0);
        assertThat(joinLink.subject()).startsWith("Your join link: Charlemagne");
        assertThat(joinLink.text()).contains("https://video.sessio.dev/j/late", "(Paris time)");
    }

    static Reminder reminder(UUID registration) {
        return QuarkusTransaction.requiringNew().call(() ->
                Reminder.<Reminder>find("registrationId", registration).firstResult());
    }

    static long kinds(String recipient, EmailKind kind) {
        return Deliveries.to(recipient).stream().filter(e -> e.kind == kind).count();
    }
}
