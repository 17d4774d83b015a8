package dev.sessio.notifications;

import dev.sessio.testing.KafkaTestClient;
import dev.sessio.events.Money;
import dev.sessio.events.tokens.InvoiceIssued;
import dev.sessio.events.tokens.OrderAwaitingApproval;
import dev.sessio.events.tokens.OrderRejected;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.events.tokens.TokensExpiring;
import dev.sessio.notifications.domain.EmailKind;
import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Token, invoice and purchase-order emails to the organisation's address (known from accounts events). */
@QuarkusTest
class BillingEmailsTest {

    static final Instant END_OF_YEAR = Instant.parse("2027-08-31T21:59:59Z");

    @Test
    void purchaseReceiptAndInvoiceWithItsPdfLink() {
        var org = Organisations.registered("fr-FR");
        UUID order = UUID.randomUUID();
        UUID invoice = UUID.randomUUID();
        KafkaTestClient.publish(new TokensCredited(org.id(), UUID.randomUUID(), 10, END_OF_YEAR,
                TokensCredited.Reason.PURCHASE, order, 12), org.id());
        KafkaTestClient.publish(new InvoiceIssued(org.id(), invoice, "F-2026-0042", order, InvoiceIssued.Kind.INVOICE,
                Money.eur(60000), Money.eur(12000), Money.eur(72000), InvoiceIssued.Status.PAID,
                LocalDate.of(2026, 11, 25), null, "/api/tokens/invoices/" + invoice + "/pdf"), org.id());

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), "Reçu").size() == 1
                && Mailbox.to(org.email(), "Votre facture").size() == 1);
        var receipt = Mailbox.to(org.email(), "Reçu").get(0);
        assertThat(receipt.subject()).isEqualTo("Reçu : 10 jeton(s) crédités");
        assertThat(receipt.text()).contains("Merci pour votre achat", "12 jeton(s)", "31 août 2027");
        var mail = Mailbox.to(org.email(), "Votre facture").get(0);
        assertThat(mail.subject()).isEqualTo("Votre facture F-2026-0042 est disponible");
        assertThat(mail.html()).contains("720,00\u00a0€", "600,00\u00a0€", "120,00\u00a0€", "Déjà réglée",
                "http://localhost:8080/api/tokens/invoices/" + invoice + "/pdf");
    }

    @Test
    void purchaseOrderToTheSchoolAndToOpsThenRejected() {
        var org = Organisations.registered("fr-FR");
        UUID order = UUID.randomUUID();
        String reference = "BC-" + order;
        KafkaTestClient.publish(new OrderAwaitingApproval(org.id(), order, 20, reference, Money.eur(144000)), org.id());
        KafkaTestClient.publish(new OrderRejected(org.id(), order, "Bon de commande non signé"), org.id());

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), "Bon de commande " + reference).size() == 1
                && Mailbox.to("ops@sessio.dev", "À approuver : bon de commande " + reference).size() == 1
                && Mailbox.to(org.email(), "Bon de commande non approuvé").size() == 1);
        assertThat(Mailbox.to(org.email(), "Bon de commande " + reference).get(0).text())
                .contains("20 jeton(s)", "1\u00a0440,00\u00a0€");
        assertThat(Mailbox.to("ops@sessio.dev", "À approuver : bon de commande " + reference).get(0).subject())
                .endsWith("(Collège Jean Moulin)");
        assertThat(Mailbox.to(org.email(), "Bon de commande non approuvé").get(0).text())
                .contains("Motif : Bon de commande non signé");
    }

    @Test
    void tokensExpiringFollowsTheAdminsPreferenceButStaysInTheAccount() {
        var org = Organisations.registered("fr-FR");
        KafkaTestClient.publish(new TokensExpiring(org.id(), 3, END_OF_YEAR), org.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), "3 jeton(s) expirent le 31 août 2027").size() == 1);

        given().auth().oauth2(TestTokens.user(org.adminUserId()).org(org.id()).roles("school-admin").token())
                .contentType("application/json").body(Map.of("emails", Map.of("TOKENS_EXPIRING", false)))
                .when().put("/api/notifications/preferences").then().statusCode(200);
        KafkaTestClient.publish(new TokensExpiring(org.id(), 5, END_OF_YEAR), org.id());
        KafkaTestClient.publish(new TokensCredited(org.id(), UUID.randomUUID(), 1, END_OF_YEAR,
                TokensCredited.Reason.GRANT, null, 6), org.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(org.email(), "1 jeton(s) offerts").size() == 1);
        assertThat(Mailbox.to(org.email(), "5 jeton(s)")).isEmpty();
        assertThat(Deliveries.to(org.email())).noneMatch(e -> e.kind == EmailKind.TOKENS_EXPIRING && e.subject.startsWith("5"));

        var titles = given().auth().oauth2(TestTokens.user("staff-" + org.id()).org(org.id()).roles("school-staff").token())
                .when().get("/api/notifications").then().statusCode(200).extract().jsonPath().getList("items.title", String.class);
        assertThat(titles).contains("5 jeton(s) expirent le 31 août 2027", "1 jeton(s) offerts");
    }
}
