package dev.sessio.tokens;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationRequested;
import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.tokens.TokenDebitRejected;
import dev.sessio.events.tokens.TokenDebited;
import dev.sessio.events.tokens.TokenRefunded;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.testing.KafkaTestClient;
import dev.sessio.tokens.domain.TokenLedger;
import dev.sessio.tokens.domain.ledger.Cause;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registration saga against the real broker: sessions' events in on sessions.events.v1, tokens' events out on
 * tokens.events.v1 (through the outbox relay), each event applied once.
 */
@QuarkusTest
class RegistrationSagaTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Instant STARTS = Instant.parse("2027-03-12T09:00:00Z");

    @Inject
    TokenLedger ledger;

    @Test
    void aRequestedRegistrationDebitsOneTokenAndARedeliveryChangesNothing() throws Exception {
        UUID org = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID registration = UUID.randomUUID();
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 2, null, TokensCredited.Reason.GRANT, null, "test");
        RegistrationRequested requested = new RegistrationRequested(registration, session, org, "u1", STARTS);

        String eventId = KafkaTestClient.publish(requested, session);
        List<TokenDebited> debited = KafkaTestClient.published(TokenDebited.class, org, l -> l.size() >= 1, WAIT);
        assertThat(debited).hasSize(1);
        assertThat(debited.getFirst().registrationId()).isEqualTo(registration);
        assertThat(debited.getFirst().sessionId()).isEqualTo(session);
        assertThat(debited.getFirst().balanceAfter()).isEqualTo(1);

        KafkaTestClient.publish(requested, session, eventId);   // the same event again
        UUID marker = UUID.randomUUID();                        // then a later one on the same key
        KafkaTestClient.publish(new RegistrationRequested(marker, session, org, "u1", STARTS), session);
        await().atMost(WAIT).until(() -> Db.count(
                "SELECT count(*) FROM posting WHERE cause_id = ?", marker) == 1);
        assertThat(Db.count("SELECT count(*) FROM posting WHERE cause_id = ?", registration)).isEqualTo(1);
        assertThat(Db.balances(org)).containsExactly(0, 0, 0);
        assertThat(Db.outbox("TokenDebited", org)).isEqualTo(2);
    }

    @Test
    void withoutTokensTheDebitIsRejectedForInsufficientTokens() throws Exception {
        UUID org = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID registration = UUID.randomUUID();

        KafkaTestClient.publish(new RegistrationRequested(registration, session, org, "u1", STARTS), session);

        List<TokenDebitRejected> rejected = KafkaTestClient.published(TokenDebitRejected.class, org, l -> l.size() >= 1, WAIT);
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.registrationId()).isEqualTo(registration);
            assertThat(r.reason()).isEqualTo(TokenDebitRejected.Reason.INSUFFICIENT_TOKENS);
            assertThat(r.balance()).isZero();
        });
        assertThat(Db.count("SELECT count(*) FROM posting WHERE organisation_id = ?", org)).isZero();
    }

    @Test
    void aRefundableCancellationRefundsIntoTheOriginalLotOnceAndANonRefundableOneDoesNot() throws Exception {
        UUID org = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID refundable = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        Instant expiry = Instant.parse("2027-08-31T21:59:59Z");
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 2, expiry, TokensCredited.Reason.GRANT, null, "test");
        ledger.debitForRegistration(org, refundable, session);
        ledger.debitForRegistration(org, kept, session);

        RegistrationCancelled cancel = new RegistrationCancelled(refundable, session, org, true, "u1", STARTS);
        String eventId = KafkaTestClient.publish(cancel, session);
        KafkaTestClient.publish(cancel, session, eventId);
        KafkaTestClient.publish(new RegistrationCancelled(refundable, session, org, true, "u1", STARTS), session);
        String last = KafkaTestClient.publish(new RegistrationCancelled(kept, session, org, false, "u1", STARTS), session);

        List<TokenRefunded> refunded = KafkaTestClient.published(TokenRefunded.class, org, l -> l.size() >= 1, WAIT);
        assertThat(refunded).singleElement().satisfies(r -> {
            assertThat(r.registrationId()).isEqualTo(refundable);
            assertThat(r.lotExpiresAt()).isEqualTo(expiry);
            assertThat(r.quantity()).isEqualTo(1);
            assertThat(r.balanceAfter()).isEqualTo(1);
        });
        awaitApplied(last);   // same key, so every earlier event was applied before it
        assertThat(Db.count("SELECT count(*) FROM posting WHERE organisation_id = ? AND kind = 'REFUND'", org))
                .isEqualTo(1);
        assertThat(Db.balances(org)).containsExactly(1, 1, 1);
    }

    @Test
    void aCancelledSessionRefundsEveryDebitOfItOnceEvenWithItsRegistrationCancellations() throws Exception {
        UUID session = UUID.randomUUID();
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        UUID regA = UUID.randomUUID();
        UUID regB = UUID.randomUUID();
        for (UUID org : List.of(orgA, orgB)) {
            ledger.credit(org, Cause.grant(UUID.randomUUID()), 1, null, TokensCredited.Reason.GRANT, null, "test");
        }
        ledger.debitForRegistration(orgA, regA, session);
        ledger.debitForRegistration(orgB, regB, session);
        ledger.debitForRegistration(orgA, UUID.randomUUID(), UUID.randomUUID());   // rejected: orgA has no more

        KafkaTestClient.publish(new SessionCancelled(session, SessionKind.WEBINAR, "Charlemagne", STARTS, "trainer ill"),
                session);
        String last = KafkaTestClient.publish(new RegistrationCancelled(regA, session, orgA, true, "ops", STARTS), session);

        assertThat(KafkaTestClient.published(TokenRefunded.class, orgA, l -> l.size() >= 1, WAIT)).hasSize(1);
        assertThat(KafkaTestClient.published(TokenRefunded.class, orgB, l -> l.size() >= 1, WAIT)).hasSize(1);
        awaitApplied(last);
        assertThat(Db.balances(orgA)).containsExactly(1, 1, 1);
        assertThat(Db.balances(orgB)).containsExactly(1, 1, 1);
        assertThat(Db.outbox("TokenRefunded", orgA)).isEqualTo(1);
    }

    static void awaitApplied(String eventId) {
        await().atMost(WAIT).until(() -> Db.count(
                "SELECT count(*) FROM inbox WHERE consumer = 'tokens.sessions' AND event_id = ?", eventId) == 1);
    }
}
