package dev.sessio.tokens;

import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.testing.TestTokens;
import dev.sessio.tokens.domain.ExpiryJob;
import dev.sessio.tokens.domain.TokenLedger;
import dev.sessio.tokens.domain.ledger.Cause;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The expiry job (write-off once, even run twice at once; the 30-day warning once) and the ops monthly report. */
@QuarkusTest
class ExpiryAndReportTest {

    @Inject
    TokenLedger ledger;
    @Inject
    ExpiryJob expiry;

    @Test
    void expiredLotsAreWrittenOffOnceEvenWithTwoReplicasRunningTheJobAtOnce() throws Exception {
        UUID org = UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 3, expiresAt, TokensCredited.Reason.GRANT, null, "x");
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 2, expiresAt.plus(Duration.ofDays(300)),
                TokensCredited.Reason.GRANT, null, "later");
        ledger.debitForRegistration(org, UUID.randomUUID(), UUID.randomUUID());   // from the lot that expires first

        Instant after = expiresAt.plusSeconds(1);
        LedgerConcurrencyTest.concurrently(2, i -> expiry.run(after));
        expiry.run(after);

        assertThat(Db.count("SELECT count(*) FROM posting WHERE organisation_id = ? AND kind = 'EXPIRY'", org))
                .isEqualTo(1);
        assertThat(Db.count("SELECT -sum(quantity) FROM posting WHERE organisation_id = ? AND kind = 'EXPIRY'", org))
                .isEqualTo(2);
        assertThat(Db.outbox("TokensExpired", org)).isEqualTo(1);
        assertThat(Db.balances(org)).containsExactly(2, 2, 2);
        // A debit after the expiry can only use the later lot.
        ledger.debitForRegistration(org, UUID.randomUUID(), UUID.randomUUID());
        assertThat(Db.count("SELECT count(*) FROM token_lot WHERE organisation_id = ? AND remaining = 1", org))
                .isEqualTo(1);
    }

    @Test
    void aLateRefundIntoAnExpiredLotIsWrittenOffAgain() {
        UUID org = UUID.randomUUID();
        UUID registration = UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 2, expiresAt, TokensCredited.Reason.GRANT, null, "x");
        ledger.debitForRegistration(org, registration, UUID.randomUUID());
        expiry.run(expiresAt.plusSeconds(1));
        ledger.refundRegistration(org, registration);
        expiry.run(expiresAt.plusSeconds(2));

        assertThat(Db.count("SELECT count(*) FROM posting WHERE organisation_id = ? AND kind = 'EXPIRY'", org))
                .isEqualTo(2);
        assertThat(Db.balances(org)).containsExactly(0, 0, 0);
    }

    @Test
    void schoolsAreWarnedOnceThirtyDaysBeforeTheirTokensExpire() {
        UUID org = UUID.randomUUID();
        Instant soon = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 4, soon, TokensCredited.Reason.GRANT, null, "x");

        expiry.run(Instant.now());
        assertThat(Db.outbox("TokensExpiring", org)).isZero();

        Instant tenDaysLater = Instant.now().plus(Duration.ofDays(11));
        expiry.run(tenDaysLater);
        expiry.run(tenDaysLater.plusSeconds(60));
        assertThat(Db.outbox("TokensExpiring", org)).isEqualTo(1);
        assertThat(Db.string("SELECT payload::text FROM outbox WHERE kafka_key = ? AND ce_type = ?", org.toString(),
                "sessio.tokens.TokensExpiring.v1")).contains("\"quantity\":4").contains(soon.toString());
    }

    @Test
    void theMonthlyReportAddsUpWithTheLedger() {
        UUID org = UUID.randomUUID();
        YearMonth month = YearMonth.now(ZoneId.of("Europe/Paris"));
        String ops = TestTokens.user("ops").roles("ops").bearer();
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 2, null, TokensCredited.Reason.GRANT, null, "x");
        String orderId = given().header("Authorization", TestTokens.user("a").org(org).roles("school-admin").bearer())
                .contentType(ContentType.JSON).body(Map.of("quantity", 3, "paymentMethod", "PURCHASE_ORDER",
                        "purchaseOrderReference", "BC-1", "billing", PurchaseOrdersAndInvoicesTest.BILLING))
                .when().post("/api/tokens/orders").then().statusCode(201).extract().path("id");
        given().header("Authorization", ops).when().post("/api/tokens/orders/" + orderId + "/approve")
                .then().statusCode(200);
        UUID registration = UUID.randomUUID();
        ledger.debitForRegistration(org, registration, UUID.randomUUID());
        ledger.debitForRegistration(org, UUID.randomUUID(), UUID.randomUUID());
        ledger.refundRegistration(org, registration);

        given().header("Authorization", ops).queryParam("month", month.toString()).queryParam("organisationId", org)
                .when().get("/api/tokens/reports/monthly")
                .then().statusCode(200)
                .body("tokens.opening", equalTo(0))
                .body("tokens.sold", equalTo(3))
                .body("tokens.granted", equalTo(2))
                .body("tokens.used", equalTo(2))
                .body("tokens.refunded", equalTo(1))
                .body("tokens.expired", equalTo(0))
                .body("tokens.outstanding", equalTo(4))
                .body("revenue.excludingTax.amount", equalTo(18000))
                .body("revenue.vat.amount", equalTo(3600))
                .body("revenue.includingTax.amount", equalTo(21600))
                .body("revenue.invoices", equalTo(1));
        given().header("Authorization", ops).queryParam("month", month.minusMonths(1).toString())
                .queryParam("organisationId", org)
                .when().get("/api/tokens/reports/monthly")
                .then().statusCode(200).body("tokens.outstanding", equalTo(0)).body("revenue.invoices", equalTo(0));

        var all = given().header("Authorization", ops).queryParam("month", month.toString())
                .when().get("/api/tokens/reports/monthly").then().statusCode(200).extract().jsonPath();
        assertThat(all.getLong("tokens.opening") + all.getLong("tokens.sold") + all.getLong("tokens.granted")
                - all.getLong("tokens.used") + all.getLong("tokens.refunded") - all.getLong("tokens.expired"))
                .isEqualTo(all.getLong("tokens.outstanding"));

        given().header("Authorization", ops).queryParam("month", "2026-13")
                .when().get("/api/tokens/reports/monthly").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", ops)
                .when().get("/api/tokens/reports/monthly").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", TestTokens.user("a").org(org).roles("school-admin").bearer())
                .queryParam("month", month.toString())
                .when().get("/api/tokens/reports/monthly").then().statusCode(403);
    }
}
