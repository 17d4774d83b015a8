package dev.sessio.notifications;

import dev.sessio.testing.KafkaTestClient;
import dev.sessio.events.accounts.MemberInvited;
import dev.sessio.events.accounts.OrganisationRegistered;
import dev.sessio.events.accounts.PasswordResetRequested;
import dev.sessio.notifications.domain.EmailStatus;
import dev.sessio.testing.SmtpResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Account emails through real Kafka, PostgreSQL and GreenMail: content, once per event, SMTP outages. */
@QuarkusTest
class AccountEmailsTest {

    static final Instant EXPIRES = Instant.parse("2026-03-12T17:30:00Z");

    @AfterEach
    void smtpBackUp() {
        SmtpResource.startServer();
    }

    @Test
    void confirmationEmailInFrenchWithLinkFooterAndNoTrackingOnceEvenWhenDeliveredTwice() {
        UUID org = UUID.randomUUID();
        String admin = "direction-" + org + "@lycee-hugo.fr";
        OrganisationRegistered event = registered(org, admin, "fr-FR", false);
        String id = KafkaTestClient.publish(event, org);
        KafkaTestClient.publish(event, org, id);
        // A later event on the same key: once its email is out, the duplicate has been consumed too.
        String marker = "marker-" + org + "@lycee-hugo.fr";
        KafkaTestClient.publish(registered(org, marker, "fr-FR", false), org);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(marker).size() == 1);

        var mails = Mailbox.to(admin);
        assertThat(mails).hasSize(1);
        assertThat(Deliveries.to(admin)).hasSize(1);
        var mail = mails.get(0);
        assertThat(mail.subject()).isEqualTo("Confirmez votre compte Sessio");
        assertThat(mail.html()).contains("Bonjour Claire,", "Lycée Victor Hugo",
                "http://localhost:3000/confirmation?token=cfm-" + org, "12 mars 2026 à 18h30",
                "+33 1 86 95 00 00", "du lundi au vendredi");
        assertThat(mail.html()).doesNotContainIgnoringCase("<img");
        assertThat(mail.text()).contains("Bonjour Claire,", "http://localhost:3000/confirmation?token=cfm-" + org,
                "+33 1 86 95 00 00").doesNotContain("<p>", "&#");
        assertThat(mail.header("Message-ID")).isEqualTo(Deliveries.to(admin).get(0).messageId());
    }

    @Test
    void resendSaysItIsANewLinkAndEnglishLocaleGivesEnglish() {
        UUID org = UUID.randomUUID();
        String admin = "head-" + org + "@school.example";
        KafkaTestClient.publish(registered(org, admin, "en-GB", true), org);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(admin).size() == 1);
        var mail = Mailbox.to(admin).get(0);
        assertThat(mail.subject()).isEqualTo("New link: confirm your Sessio account");
        assertThat(mail.text()).contains("Hello Claire,", "Earlier links no longer work", "Thursday 12 March 2026 at 18:30");
        assertThat(mail.html()).contains("Need help?", "+33 1 86 95 00 00");
    }

    @Test
    void passwordResetAndInvitation() {
        String user = "user-" + UUID.randomUUID();
        String email = user + "@lycee-hugo.fr";
        KafkaTestClient.publish(new PasswordResetRequested(user, email, "Paul", "fr", "rst-" + user, EXPIRES), user);
        UUID org = UUID.randomUUID();
        String invitee = "vie-scolaire-" + org + "@lycee-hugo.fr";
        KafkaTestClient.publish(new MemberInvited(org, "Lycée Victor Hugo", invitee, MemberInvited.Role.SCHOOL_STAFF,
                "admin-1", "inv-" + org, EXPIRES, "fr-FR"), org);

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 1 && Mailbox.to(invitee).size() == 1);
        var reset = Mailbox.to(email).get(0);
        assertThat(reset.subject()).isEqualTo("Réinitialisez votre mot de passe Sessio");
        assertThat(reset.text()).contains("Bonjour Paul,", "http://localhost:3000/mot-de-passe/nouveau?token=rst-" + user);
        var invitation = Mailbox.to(invitee).get(0);
        assertThat(invitation.subject()).isEqualTo("Lycée Victor Hugo vous invite sur Sessio");
        assertThat(invitation.html()).contains("membre de l&#39;équipe", "http://localhost:3000/invitation?token=inv-" + org);
    }

    @Test
    void smtpDownThenUpSendsTheEmailOnceLater() {
        SmtpResource.stopServer();
        String user = "user-" + UUID.randomUUID();
        String email = user + "@lycee-hugo.fr";
        KafkaTestClient.publish(new PasswordResetRequested(user, email, "Paul", "fr", "rst-" + user, EXPIRES), user);

        await().atMost(Duration.ofSeconds(30)).until(() -> Deliveries.to(email).stream()
                .anyMatch(e -> e.attempts >= 2 && e.status == EmailStatus.PENDING && e.lastError != null));
        assertThat(Mailbox.to(email)).isEmpty();

        SmtpResource.startServer();
        await().atMost(Duration.ofSeconds(30)).until(() -> Deliveries.to(email).get(0).status == EmailStatus.SENT);
        assertThat(Mailbox.to(email)).hasSize(1);
        assertThat(Deliveries.to(email)).hasSize(1);
    }

    static OrganisationRegistered registered(UUID org, String adminEmail, String locale, boolean resend) {
        return new OrganisationRegistered(org, "Lycée Victor Hugo", "0750001A", null, "admin-" + org, adminEmail,
                "Claire", "Martin", locale, "cfm-" + org, EXPIRES, resend);
    }
}
