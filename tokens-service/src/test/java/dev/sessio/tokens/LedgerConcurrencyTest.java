package dev.sessio.tokens;

import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.tokens.domain.TokenLedger;
import dev.sessio.tokens.domain.ledger.Cause;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger on real PostgreSQL: never negative and one posting per cause, also under concurrent debits. */
@QuarkusTest
class LedgerConcurrencyTest {

    @Inject
    TokenLedger ledger;

    @Test
    void fiftyConcurrentDebitsAgainstTenTokensGiveExactlyTenSuccessesAndABalanceOfZero() throws Exception {
        UUID org = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 10, null, TokensCredited.Reason.GRANT, null, "test");

        List<Boolean> results = concurrently(50, i -> ledger.debitForRegistration(org, UUID.randomUUID(), session));

        assertThat(results.stream().filter(ok -> ok).count()).isEqualTo(10);
        assertThat(ledger.balance(org).available()).isZero();
        assertThat(Db.balances(org)).containsExactly(0, 0, 0);
        assertThat(Db.count("SELECT count(*) FROM posting WHERE organisation_id = ? AND kind = 'DEBIT'", org))
                .isEqualTo(10);
        assertThat(Db.outbox("TokenDebited", org)).isEqualTo(10);
        assertThat(Db.outbox("TokenDebitRejected", org)).isEqualTo(40);
    }

    @Test
    void theSameRegistrationDebitedConcurrentlyPostsOnce() throws Exception {
        UUID org = UUID.randomUUID();
        UUID registration = UUID.randomUUID();
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 5, null, TokensCredited.Reason.GRANT, null, "test");

        List<Boolean> results = concurrently(20, i -> ledger.debitForRegistration(org, registration, UUID.randomUUID()));

        assertThat(results).containsOnly(true);
        assertThat(Db.count("SELECT count(*) FROM posting WHERE organisation_id = ? AND kind = 'DEBIT'", org))
                .isEqualTo(1);
        assertThat(Db.balances(org)).containsExactly(4, 4, 4);
    }

    @Test
    void theSameCreditCauseAppliedTwicePostsOnce() {
        UUID org = UUID.randomUUID();
        Cause order = Cause.order(UUID.randomUUID());
        var first = ledger.credit(org, order, 3, null, TokensCredited.Reason.PURCHASE, order.id(), null);
        var second = ledger.credit(org, order, 3, null, TokensCredited.Reason.PURCHASE, order.id(), null);

        assertThat(second.alreadyApplied()).isTrue();
        assertThat(second.posting().id()).isEqualTo(first.posting().id());
        assertThat(Db.balances(org)).containsExactly(3, 3, 3);
        assertThat(Db.outbox("TokensCredited", org)).isEqualTo(1);
    }

    @Test
    void aDebitTakesTheLotThatExpiresFirstAndARefundGoesBackToIt() {
        UUID org = UUID.randomUUID();
        Instant later = Instant.now().plus(Duration.ofDays(300));
        Instant sooner = Instant.now().plus(Duration.ofDays(20));
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 2, later, TokensCredited.Reason.GRANT, null, "later");
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 1, sooner, TokensCredited.Reason.GRANT, null, "sooner");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        ledger.debitForRegistration(org, first, UUID.randomUUID());
        ledger.debitForRegistration(org, second, UUID.randomUUID());
        var lots = ledger.balance(org).lots();
        assertThat(lots).hasSize(1);
        assertThat(lots.getFirst().expiresAt()).isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(lots.getFirst().remaining()).isEqualTo(1);

        var refund = ledger.refundRegistration(org, first).orElseThrow();
        assertThat(refund.posting().lotExpiresAt()).isEqualTo(sooner.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(ledger.balance(org).lots()).extracting(l -> l.remaining()).containsExactly(1, 1);
        assertThat(ledger.balance(org).expiringSoon()).isEqualTo(1);
        assertThat(ledger.refundRegistration(org, first).orElseThrow().alreadyApplied()).isTrue();
        assertThat(ledger.refundRegistration(org, UUID.randomUUID())).isEmpty();
        assertThat(Db.balances(org)).containsExactly(2, 2, 2);
    }

    @Test
    void postingsCannotBeEditedOrDeleted() {
        UUID org = UUID.randomUUID();
        ledger.credit(org, Cause.grant(UUID.randomUUID()), 1, null, TokensCredited.Reason.GRANT, null, "x");
        assertThatThrownBy(
                        () -> Db.execute("UPDATE posting SET quantity = 100 WHERE organisation_id = ?", org))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(
                        () -> Db.execute("DELETE FROM posting WHERE organisation_id = ?", org))
                .hasStackTraceContaining("append-only");
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    static <T> List<T> concurrently(int n, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return task.run(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
