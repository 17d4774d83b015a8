package dev.sessio.notifications;

import dev.sessio.testing.KafkaTestClient;
import dev.sessio.events.accounts.PasswordResetRequested;
import dev.sessio.notifications.domain.EmailStatus;
import dev.sessio.testing.SmtpResource;
import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Ops: what failed after the last attempt, and resending it. */
@QuarkusTest
class DeliveriesApiTest {

    static String ops() {
        return TestTokens.user("ops-1").roles("ops").token();
    }

    @AfterEach
    void smtpBackUp() {
        SmtpResource.startServer();
    }

    @Test
    void anEmailThatKeepsFailingIsFailedVisibleToOpsAndResentOnce() {
        SmtpResource.stopServer();
        String user = "user-" + UUID.randomUUID();
        String email = user + "@example.fr";
        KafkaTestClient.publish(new PasswordResetRequested(user, email, "Léa", "fr", "rst", Instant.now().plusSeconds(3600)), user);
        await().atMost(Duration.ofSeconds(60)).until(() -> !Deliveries.to(email).isEmpty()
                && Deliveries.to(email).get(0).status == EmailStatus.FAILED);
        SmtpResource.startServer();

        String id = given().auth().oauth2(ops()).queryParam("status", "FAILED").queryParam("recipient", email)
                .when().get("/api/notifications/deliveries").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("FAILED"))
                .body("items[0].attempts", equalTo(5))
                .body("items[0].lastError", notNullValue())
                .body("items[0].kind", equalTo("PASSWORD_RESET"))
                .extract().path("items[0].id");
        assertThat(Mailbox.to(email)).isEmpty();

        given().auth().oauth2(ops()).when().post("/api/notifications/deliveries/" + id + "/resend").then()
                .statusCode(202).body("status", equalTo("PENDING")).body("id", equalTo(id));
        await().atMost(Duration.ofSeconds(30)).until(() -> Deliveries.to(email).get(0).status == EmailStatus.SENT);
        assertThat(Mailbox.to(email)).hasSize(1);

        // A sent email can be sent again on request, as a new copy.
        String copy = given().auth().oauth2(ops()).when().post("/api/notifications/deliveries/" + id + "/resend")
                .then().statusCode(202).header("Location", notNullValue()).extract().path("id");
        assertThat(copy).isNotEqualTo(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 2);
    }

    @Test
    void onlyOpsSeeTheLogAndUnknownIdsAreNotFound() {
        UUID org = UUID.randomUUID();
        given().auth().oauth2(TestTokens.user("a").org(org).roles("school-admin").token())
                .when().get("/api/notifications/deliveries").then().statusCode(403);
        given().when().get("/api/notifications/deliveries").then().statusCode(401);
        given().auth().oauth2(ops()).when().post("/api/notifications/deliveries/" + UUID.randomUUID() + "/resend")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ops()).queryParam("status", "LOST").when().get("/api/notifications/deliveries")
                .then().statusCode(400);
    }
}
