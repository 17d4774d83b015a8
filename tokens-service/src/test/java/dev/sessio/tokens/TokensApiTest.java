package dev.sessio.tokens;

import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** Balance, ledger, offers and ops grants over HTTP. */
@QuarkusTest
class TokensApiTest {

    static String admin(UUID org) {
        return TestTokens.user("admin-" + org).org(org).roles("school-admin").bearer();
    }

    static String ops() {
        return TestTokens.user("ops-user").roles("ops").bearer();
    }

    static String grant(UUID org, int quantity) {
        return given().header("Authorization", ops()).contentType(ContentType.JSON)
                .body(Map.of("organisationId", org, "quantity", quantity, "reason", "welcome"))
                .when().post("/api/tokens/grants")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void offersShowThePriceExcludingTaxVatAndIncludingTax() {
        given().header("Authorization", admin(UUID.randomUUID()))
                .when().get("/api/tokens/offers")
                .then().statusCode(200)
                .body("offers[0].unitPrice.excludingTax.amount", equalTo(6000))
                .body("offers[0].unitPrice.vat.amount", equalTo(1200))
                .body("offers[0].unitPrice.includingTax.amount", equalTo(7200))
                .body("offers[0].unitPrice.includingTax.currency", equalTo("EUR"))
                .body("offers[0].unitPrice.vatRate", equalTo("20 %"))
                .body("offers[0].maxQuantity", equalTo(100))
                .body("offers[0].validUntil", notNullValue())
                .body("offers[0].paymentMethods", containsInAnyOrder("CARD", "PURCHASE_ORDER"));
    }

    @Test
    void aGrantShowsInTheBalanceAndTheLedgerOfThatOrganisationOnly() {
        UUID org = UUID.randomUUID();
        String postingId = grant(org, 3);

        given().header("Authorization", TestTokens.user("staff").org(org).roles("school-staff").bearer())
                .when().get("/api/tokens/balance")
                .then().statusCode(200)
                .body("organisationId", equalTo(org.toString()))
                .body("available", equalTo(3))
                .body("lots", hasSize(1))
                .body("lots[0].remaining", equalTo(3));
        given().header("Authorization", admin(org))
                .when().get("/api/tokens/ledger")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(postingId))
                .body("items[0].kind", equalTo("CREDIT"))
                .body("items[0].quantity", equalTo(3))
                .body("items[0].creditReason", equalTo("GRANT"))
                .body("items[0].cause.type", equalTo("GRANT"))
                .body("items[0].note", equalTo("welcome"));
        given().header("Authorization", admin(org))
                .when().get("/api/tokens/ledger/" + postingId)
                .then().statusCode(200).body("quantity", equalTo(3));

        UUID other = UUID.randomUUID();
        given().header("Authorization", admin(other))
                .when().get("/api/tokens/balance")
                .then().statusCode(200).body("available", equalTo(0));
        given().header("Authorization", admin(other))
                .when().get("/api/tokens/ledger/" + postingId)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/not-found"));
        given().header("Authorization", admin(other))
                .when().get("/api/tokens/ledger/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theLedgerIsPagedNewestFirstWithSizeCappedAt100() {
        UUID org = UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            grant(org, i);
        }
        given().header("Authorization", admin(org)).queryParam("page", 0).queryParam("size", 2)
                .when().get("/api/tokens/ledger")
                .then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(2))
                .body("items[0].quantity", equalTo(3)).body("items[0].balanceAfter", equalTo(6));
        given().header("Authorization", admin(org)).queryParam("page", 1).queryParam("size", 2)
                .when().get("/api/tokens/ledger")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].quantity", equalTo(1));
        given().header("Authorization", admin(org)).queryParam("size", 101)
                .when().get("/api/tokens/ledger")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
        given().header("Authorization", admin(org)).queryParam("page", -1)
                .when().get("/api/tokens/ledger")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void opsLookAtAnyOrganisationByNamingIt() {
        UUID org = UUID.randomUUID();
        grant(org, 2);
        given().header("Authorization", ops()).queryParam("organisationId", org)
                .when().get("/api/tokens/balance")
                .then().statusCode(200).body("available", equalTo(2));
        given().header("Authorization", ops())
                .when().get("/api/tokens/balance")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyOpsGrantAndInvalidGrantsChangeNothing() {
        UUID org = UUID.randomUUID();
        given().header("Authorization", admin(org)).contentType(ContentType.JSON)
                .body(Map.of("organisationId", org, "quantity", 5, "reason", "myself"))
                .when().post("/api/tokens/grants")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", ops()).contentType(ContentType.JSON)
                .body(Map.of("organisationId", org, "quantity", 0))
                .when().post("/api/tokens/grants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("quantity", "reason"));
        given().header("Authorization", ops()).contentType(ContentType.JSON)
                .body("{\"organisationId\": \"not-a-uuid\", \"quantity\": 1, \"reason\": \"x\"}")
                .when().post("/api/tokens/grants")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("organisationId", org, "quantity", 5, "reason", "anonymous"))
                .when().post("/api/tokens/grants")
                .then().statusCode(401);
        assertThat(Db.balances(org)).containsExactly(0, 0, 0);
        assertThat(Db.outbox("TokensCredited", org)).isZero();
    }

    @Test
    void aGrantWithTheSameIdempotencyKeyIsAppliedOnce() {
        UUID org = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("organisationId", org, "quantity", 4, "reason", "trial");
        String first = given().header("Authorization", ops()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/tokens/grants").then().statusCode(201).extract().path("id");
        given().header("Authorization", ops()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/tokens/grants").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        given().header("Authorization", ops()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("organisationId", org, "quantity", 9, "reason", "trial"))
                .when().post("/api/tokens/grants").then().statusCode(422).contentType("application/problem+json");
        assertThat(Db.balances(org)).containsExactly(4, 4, 4);
    }
}
