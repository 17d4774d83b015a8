package dev.sessio.runtime;

import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class IdempotencyKeyTest {

    final UUID org = UUID.randomUUID();
    final String alice = TestTokens.user("alice-" + org).org(org).roles("school-admin").bearer();

    @Test
    void theSameKeyAndBodyReplaysTheFirstAnswerAndCreatesOnce() {
        String key = UUID.randomUUID().toString();
        String title = "replayed-" + key;
        Response first = create(alice, key, title, 3);
        Response second = create(alice, key, title, 3);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(count(title)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        create(alice, key, "first-" + key, 3).then().statusCode(201);
        create(alice, key, "second-" + key, 3).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/idempotency-key-reused"));
        assertThat(count("second-" + key)).isZero();
    }

    @Test
    void keysAreScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        String title = "scoped-" + key;
        String bob = TestTokens.user("bob-" + org).org(org).roles("school-admin").bearer();
        Response a = create(alice, key, title, 3);
        Response b = create(bob, key, title, 3);
        assertThat(b.statusCode()).isEqualTo(201);
        assertThat(b.header("Idempotent-Replayed")).isNull();
        assertThat(b.jsonPath().getString("id")).isNotEqualTo(a.jsonPath().getString("id"));
        assertThat(count(title)).isEqualTo(2);
    }

    @Test
    void aFailedRequestStoresNothingSoItCanBeRetriedWithTheSameKey() {
        String key = UUID.randomUUID().toString();
        String title = "retried-" + key;
        create(alice, key, title, 0).then().statusCode(400);
        create(alice, key, title, 3).then().statusCode(201);
        assertThat(count(title)).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestCreates() {
        String title = "unkeyed-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", alice).contentType(ContentType.JSON)
                    .body("{\"title\":\"" + title + "\",\"pages\":1}")
                    .post("/api/notes").then().statusCode(201);
        }
        assertThat(count(title)).isEqualTo(2);
    }

    @Test
    void anOversizedKeyIsRefused() {
        create(alice, "k".repeat(256), "oversized", 1).then().statusCode(400)
                .body("type", equalTo("https://sessio.dev/problems/invalid-idempotency-key"));
    }

    private Response create(String token, String key, String title, int pages) {
        return given().header("Authorization", token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\",\"pages\":" + pages + "}")
                .when().post("/api/notes");
    }

    private long count(String title) {
        return Long.parseLong(given().header("Authorization", alice).queryParam("title", title)
                .get("/api/notes/count").then().statusCode(200).extract().asString());
    }
}
