package dev.sessio.notifications;

import dev.sessio.testing.KafkaTestClient;
import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionRescheduled;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.video.RecordingAvailable;
import dev.sessio.notifications.domain.Reminder;
import dev.sessio.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Mentoring sessions and defences: invites to mentor and student, changes, recording, personal notifications. */
@QuarkusTest
class MentoringEmailsTest {

    @Test
    void plannedRescheduledAndCancelledWithInvitesToBothParticipants() {
        UUID session = UUID.randomUUID();
        String mentor = "mentor-" + session;
        String student = "student-" + session;
        String mentorEmail = mentor + "@sessio.dev";
        String studentEmail = student + "@example.fr";
        Instant start = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.HOURS);
        Instant moved = start.plus(Duration.ofHours(3));
        KafkaTestClient.publish(new SessionScheduled(session, SessionKind.MENTORING, "Mentorat hebdomadaire", null, start, 45,
                null, mentor, student, null, mentorEmail, studentEmail), session);

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(mentorEmail).size() == 1 && Mailbox.to(studentEmail).size() == 1);
        var planned = Mailbox.to(studentEmail).get(0);
        assertThat(planned.subject()).startsWith("Session de mentorat planifiée : ");
        var invite = Calendars.parse(planned.calendar());
        assertThat(invite.uid()).isEqualTo("session-" + session + "@sessio.dev");
        assertThat(invite.start()).isEqualTo(start);
        assertThat(invite.raw()).contains("mailto:" + studentEmail);
        assertThat(Calendars.parse(Mailbox.to(mentorEmail).get(0).calendar()).uid()).isEqualTo(invite.uid());
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reminder.count("sessionId = ?1 and status = 'PENDING'", session)))
                .isEqualTo(2);

        KafkaTestClient.publish(new SessionRescheduled(session, SessionKind.MENTORING, "Mentorat hebdomadaire", start, moved, 45, 1), session);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(studentEmail, "Nouvelle date").size() == 1);
        var update = Calendars.parse(Mailbox.to(studentEmail, "Nouvelle date").get(0).calendar());
        assertThat(update.uid()).isEqualTo(invite.uid());
        assertThat(update.sequence()).isEqualTo(1);
        assertThat(update.start()).isEqualTo(moved);

        KafkaTestClient.publish(new SessionCancelled(session, SessionKind.MENTORING, "Mentorat hebdomadaire", moved, "Mentor malade"), session);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(mentorEmail, "Annulation").size() == 1
                && Mailbox.to(studentEmail, "Annulation").size() == 1);
        var cancel = Mailbox.to(studentEmail, "Annulation").get(0);
        assertThat(cancel.text()).contains("Motif : Mentor malade");
        var cancelled = Calendars.parse(cancel.calendar());
        assertThat(cancelled.method()).isEqualTo("CANCEL");
        assertThat(cancelled.sequence()).isEqualTo(2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reminder.count("sessionId = ?1 and status = 'PENDING'", session)))
                .isZero();
    }

    @Test
    void theDefenceRecordingReachesTheMentorAndTheJuryButNotTheStudent() {
        UUID session = UUID.randomUUID();
        String mentor = "mentor-" + session;
        String student = "student-" + session;
        String title = "Soutenance projet 5 " + session;
        UUID recording = UUID.randomUUID();
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        KafkaTestClient.publish(new SessionScheduled(session, SessionKind.DEFENCE, title, null, start, 60,
                null, mentor, student, null, mentor + "@sessio.dev", student + "@example.fr"), session);
        // The recording comes after the defence, long after it was planned (and on another topic).
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(student + "@example.fr", "Soutenance planifiée").size() == 1);
        KafkaTestClient.publish(new RecordingAvailable(recording, session, 3541, Instant.parse("2027-01-31T12:00:00Z")), session);

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(mentor + "@sessio.dev", "Enregistrement disponible").size() == 1
                && Mailbox.to("jury@sessio.dev", "Enregistrement disponible : " + title).size() == 1);
        assertThat(Mailbox.to(student + "@example.fr", "Soutenance planifiée").get(0).text()).contains("enregistrée pour le jury");
        for (var mail : java.util.List.of(Mailbox.to(mentor + "@sessio.dev", "Enregistrement disponible").get(0),
                Mailbox.to("jury@sessio.dev", "Enregistrement disponible : " + title).get(0))) {
            assertThat(mail.subject()).isEqualTo("Enregistrement disponible : " + title);
            assertThat(mail.text()).contains("31 janvier 2027", "59 min", "/enregistrements/" + recording);
        }
        // The student may not watch it (video-service answers them 404): no email, no feed entry.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> Mailbox.to(student + "@example.fr", "Enregistrement").isEmpty());

        String studentToken = TestTokens.user(student).roles("student").token();
        String mentorToken = TestTokens.user(mentor).roles("mentor").token();
        String mentorsEntry = given().auth().oauth2(mentorToken).get("/api/notifications").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].title", equalTo("Enregistrement disponible : " + title))
                .extract().path("items[0].id");
        given().auth().oauth2(studentToken).get("/api/notifications").then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(studentToken).contentType("application/json").body(Map.of("read", true))
                .when().patch("/api/notifications/" + mentorsEntry).then().statusCode(404);
    }
}
