package dev.sessio.notifications;

import dev.sessio.testing.KafkaTestClient;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** The in-account notifications and preferences, scoped to the caller. */
@QuarkusTest
class NotificationsApiTest {

    @Test
    void membersSeeTheirOrganisationsNotificationsAndMarkThemReadForThemselves() {
        var org = Organisations.registered("fr-FR");
        KafkaTestClient.publish(new TokensCredited(org.id(), UUID.randomUUID(), 4, Instant.parse("2027-08-31T21:59:59Z"),
                TokensCredited.Reason.PURCHASE, UUID.randomUUID(), 4), org.id());
        String alice = TestTokens.user("alice-" + org.id()).org(org.id()).roles("school-admin").token();
        String bob = TestTokens.user("bob-" + org.id()).org(org.id()).roles("school-staff").token();

        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(alice).get("/api/notifications")
                .jsonPath().getInt("total") == 1);
        String id = given().auth().oauth2(alice).when().get("/api/notifications").then().statusCode(200)
                .body("items[0].title", equalTo("Reçu : 4 jeton(s) crédités"))
                .body("items[0].kind", equalTo("PURCHASE_RECEIPT"))
                .body("items[0].read", equalTo(false))
                .body("unread", equalTo(1))
                .extract().path("items[0].id");

        given().auth().oauth2(alice).contentType("application/json").body(Map.of("read", true))
                .when().patch("/api/notifications/" + id).then().statusCode(200).body("read", equalTo(true));
        given().auth().oauth2(alice).queryParam("unread", true).when().get("/api/notifications").then()
                .statusCode(200).body("items", hasSize(0)).body("unread", equalTo(0));
        // Read state is per user: Bob has not read it.
        given().auth().oauth2(bob).when().get("/api/notifications").then().statusCode(200)
                .body("items[0].read", equalTo(false)).body("unread", equalTo(1));
        given().auth().oauth2(alice).contentType("application/json").body(Map.of("read", false))
                .when().patch("/api/notifications/" + id).then().statusCode(200).body("read", equalTo(false));
    }

    @Test
    void anotherOrganisationsNotificationIsNotFoundAndInputIsChecked() {
        var org = Organisations.registered("fr-FR");
        KafkaTestClient.publish(new TokensCredited(org.id(), UUID.randomUUID(), 2, Instant.parse("2027-08-31T21:59:59Z"),
                TokensCredited.Reason.PURCHASE, UUID.randomUUID(), 2), org.id());
        String mine = TestTokens.user("u-" + org.id()).org(org.id()).roles("school-admin").token();
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(mine).get("/api/notifications")
                .jsonPath().getInt("total") == 1);
        String id = given().auth().oauth2(mine).get("/api/notifications").path("items[0].id");

        String stranger = TestTokens.user("x-" + org.id()).org(UUID.randomUUID()).roles("school-admin").token();
        given().auth().oauth2(stranger).contentType("application/json").body(Map.of("read", true))
                .when().patch("/api/notifications/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(stranger).contentType("application/json").body(Map.of("read", true))
                .when().patch("/api/notifications/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(stranger).when().get("/api/notifications").then().statusCode(200).body("total", equalTo(0));

        given().auth().oauth2(mine).contentType("application/json").body(Map.of())
                .when().patch("/api/notifications/" + id).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(mine).queryParam("size", 500).when().get("/api/notifications").then().statusCode(400);
        given().when().get("/api/notifications").then().statusCode(401);
    }

    @Test
    void preferencesRefuseSwitchingOffRequiredEmails() {
        String user = "pref-" + UUID.randomUUID();
        String token = TestTokens.user(user).email(user + "@example.fr").roles("mentor").token();
        given().auth().oauth2(token).when().get("/api/notifications/preferences").then().statusCode(200)
                .body("email", equalTo(user + "@example.fr"))
                .body("locale", equalTo("fr"))
                .body("emails.find { it.category == 'BILLING' }.required", equalTo(true))
                .body("emails.find { it.category == 'JOIN_LINK_COPY' }.enabled", equalTo(false))
                .body("emails.find { it.category == 'RECORDINGS' }.enabled", equalTo(true));

        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("emails", Map.of("BILLING", false, "RECORDINGS", false)))
                .when().put("/api/notifications/preferences").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/required-email"))
                .body("category", equalTo("BILLING"));
        given().auth().oauth2(token).when().get("/api/notifications/preferences").then()
                .body("emails.find { it.category == 'RECORDINGS' }.enabled", equalTo(true));

        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("locale", "en", "emails", Map.of("RECORDINGS", false, "JOIN_LINK_COPY", true)))
                .when().put("/api/notifications/preferences").then().statusCode(200)
                .body("locale", equalTo("en"))
                .body("emails.find { it.category == 'RECORDINGS' }.enabled", equalTo(false))
                .body("emails.find { it.category == 'JOIN_LINK_COPY' }.enabled", equalTo(true))
                .body("emails.category", hasItem("SESSIONS"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("locale", "de"))
                .when().put("/api/notifications/preferences").then().statusCode(400);
    }
}
