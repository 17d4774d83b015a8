package dev.sessio.systemtests.journeys;

import dev.sessio.systemtests.Mailbox;
import dev.sessio.systemtests.Mailbox.Mail;
import dev.sessio.systemtests.journeys.Journey.School;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.sessio.systemtests.journeys.Journey.MAIL;
import static dev.sessio.systemtests.journeys.Journey.as;
import static dev.sessio.systemtests.journeys.Journey.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue #10, cancellations: a school cancels more than 48 h ahead (token refunded) and less than 48 h ahead (not
 * refunded); ops cancel a whole session (every registered school refunded, each sent a calendar CANCEL).
 */
class CancellationsJourneyIT {

    @Test
    void schoolCancellationsFollowThe48hPolicyAndAnOpsCancellationRefundsEverySchool() {
        School first = School.signUp("Annulation");
        School second = School.signUp("Annulation");
        first.grant(3);
        second.grant(1);
        first.awaitBalance(3);
        second.awaitBalance(1);

        String suffix = Journey.suffix();
        String early = Journey.scheduleWebinar("Dans cinq jours " + suffix, Journey.inFuture(Duration.ofDays(5)));
        String soon = Journey.scheduleWebinar("Dans 47 heures " + suffix, Journey.inFuture(Duration.ofHours(47)));
        String cancelledTitle = "Annulée par ops " + suffix;
        String cancelled = Journey.scheduleWebinar(cancelledTitle, Journey.inFuture(Duration.ofDays(6)));

        String earlyRegistration = first.registerConfirmed(early);
        String soonRegistration = first.registerConfirmed(soon);
        String firstInCancelled = first.registerConfirmed(cancelled);
        String secondInCancelled = second.registerConfirmed(cancelled);
        first.awaitBalance(0);
        second.awaitBalance(0);

        // More than 48 h ahead: refunded, and the calendar entry is withdrawn.
        as(first.bearer()).delete("/api/registrations/" + earlyRegistration).then().statusCode(200)
                .body("refundable", equalTo(true));
        first.awaitBalance(1);
        assertCancelMail(first, earlyRegistration, "Dans cinq jours " + suffix, "Le jeton utilisé est recrédité");

        // Less than 48 h ahead: cancelled, not refunded. The email (sent once the cancellation went through every
        // service) is the point after which a refund would have shown.
        as(first.bearer()).delete("/api/registrations/" + soonRegistration).then().statusCode(200)
                .body("refundable", equalTo(false));
        assertCancelMail(first, soonRegistration, "Dans 47 heures " + suffix, "le jeton n'est pas recrédité");
        assertThat(first.balance()).isEqualTo(1);
        assertThat((String) first.registration(soonRegistration).path("status")).isEqualTo("CANCELLED");
        List<String> refunds = as(first.bearer()).get("/api/tokens/ledger").then().statusCode(200)
                .extract().path("items.findAll { it.kind == 'REFUND' }.cause.id");
        assertThat(refunds).containsExactly(earlyRegistration);

        // Ops cancel a whole session: both schools get their token back and a CANCEL with the reason.
        String ops = ops();
        as(ops).contentType(ContentType.JSON).body(Map.of("reason", "Formateur indisponible"))
                .post("/api/sessions/" + cancelled + "/cancel").then().statusCode(200);
        first.awaitBalance(2);
        second.awaitBalance(1);
        for (var registration : List.of(Map.entry(first, firstInCancelled), Map.entry(second, secondInCancelled))) {
            Mail mail = assertCancelMail(registration.getKey(), registration.getValue(), cancelledTitle,
                    "Le jeton utilisé est recrédité");
            assertThat(mail.text()).contains("est annulée").contains("Formateur indisponible");
            assertThat((String) registration.getKey().registration(registration.getValue()).path("status"))
                    .isEqualTo("CANCELLED");
        }
        Journey.gateway().get("/api/sessions/" + cancelled).then().statusCode(200).body("status", equalTo("CANCELLED"));
        as(ops).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/sessions/" + cancelled + "/cancel").then().statusCode(409);
    }

    private static Mail assertCancelMail(School school, String registrationId, String title, String refundSentence) {
        Mail mail = Mailbox.awaitMail(school.email(), m -> m.subjectContains("Annulation : " + title), MAIL);
        assertThat(mail.text()).contains(refundSentence);
        assertThat(mail.calendars()).hasSize(1);
        assertThat(mail.calendars().getFirst().replace("\r\n ", "")).contains("METHOD:CANCEL")
                .contains("UID:registration-" + registrationId + "@sessio.dev").contains("STATUS:CANCELLED");
        return mail;
    }
}
