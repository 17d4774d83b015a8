package dev.sessio.tokens;

import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.tokens.domain.TokenLedger;
import dev.sessio.tokens.domain.TokenLedger.RegistrationDebit;
import dev.sessio.tokens.domain.ledger.Cause;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static dev.sessio.tokens.LedgerConcurrencyTest.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

/** Debits of a consumer's batch in one transaction ({@code debitForRegistrations}) on real PostgreSQL. */
@QuarkusTest
class LedgerBatchTest {

    @Inject
    TokenLedger ledger;

    @Test
    void aBatchAnswersEachDebitAsIfTheyCameOneAfterTheOther() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID neverCredited = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Instant sooner = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        Instant later = Instant.now().plus(Duration.ofDays(300)).truncatedTo(ChronoUnit.SECONDS);
        ledger.credit(a, Cause.grant(UUID.randomUUID()), 5, Instant.now().minus(Duration.ofHours(1)),
                TokensCredited.Reason.GRANT, null, "expired, not written off yet");
        ledger.credit(a, Cause.grant(UUID.randomUUID()), 2, later, TokensCredited.Reason.GRANT, null, "later");
        ledger.credit(a, Cause.grant(UUID.randomUUID()), 1, sooner, TokensCredited.Reason.GRANT, null, "sooner");
        ledger.credit(b, Cause.grant(UUID.randomUUID()), 1, later, TokensCredited.Reason.GRANT, null, "b");
        UUID r0 = UUID.randomUUID();
        assertThat(ledger.debitForRegistration(a, r0, session)).isTrue();   // takes the sooner lot
        UUID r1 = UUID.randomUUID();
        UUID r2 = UUID.randomUUID();
        UUID r3 = UUID.randomUUID();
        UUID r4 = UUID.randomUUID();
        UUID r5 = UUID.randomUUID();
        UUID r6 = UUID.randomUUID();
        UUID r7 = UUID.randomUUID();
        List<RegistrationDebit> batch = List.of(
                new RegistrationDebit(a, r1, session),
                new RegistrationDebit(b, r2, session),
                new RegistrationDebit(a, r0, session),              // debited before the batch
                new RegistrationDebit(a, r3, session),              // the last valid token of a
                new RegistrationDebit(a, r1, session),              // debited earlier in this batch
                new RegistrationDebit(b, r4, session),              // b is out of tokens
                new RegistrationDebit(a, r5, session),              // a too (its expired lot does not count)
                new RegistrationDebit(neverCredited, r6, session),
                new RegistrationDebit(a, r7, session));

        List<Boolean> debited = ledger.debitForRegistrations(batch);

        assertThat(debited).containsExactly(true, true, true, true, true, false, false, false, false);
        assertThat(Db.balances(a)).containsExactly(5, 5, 5);   // only the expired lot is left
        assertThat(ledger.balance(a).available()).isZero();
        assertThat(Db.balances(b)).containsExactly(0, 0, 0);
        assertThat(Db.balances(neverCredited)).containsExactly(0, 0, 0);
        assertThat(Db.count("SELECT count(*) FROM token_account WHERE organisation_id = ?", neverCredited)).isZero();
        // The journal: r0 from the sooner lot, then r1 and r3 from the later one, in the batch's order.
        assertThat(column("SELECT cause_id FROM posting WHERE organisation_id = ? AND kind = 'DEBIT' ORDER BY seq", a))
                .containsExactly(r0.toString(), r1.toString(), r3.toString());
        assertThat(column("SELECT balance_after FROM posting WHERE organisation_id = ? AND kind = 'DEBIT' ORDER BY seq",
                a)).containsExactly("7", "6", "5");
        assertThat(Db.count("SELECT count(*) FROM posting WHERE organisation_id = ? AND kind = 'DEBIT' "
                + "AND lot_expires_at = ?", a, java.sql.Timestamp.from(later))).isEqualTo(2);
        // One event per request (after the credits' events), in the batch's order; a repeated registration is answered with its first posting.
        assertThat(column("SELECT payload->>'registrationId' FROM outbox WHERE kafka_key = ? AND ce_type LIKE '%Debit%' ORDER BY id", a.toString()))
                .containsExactly(r0.toString(), r1.toString(), r0.toString(), r3.toString(), r1.toString(),
                        r5.toString(), r7.toString());
        assertThat(column("SELECT ce_type FROM outbox WHERE kafka_key = ? AND ce_type LIKE '%Debit%' ORDER BY id", a.toString())).containsExactly(
                "sessio.tokens.TokenDebited.v1", "sessio.tokens.TokenDebited.v1", "sessio.tokens.TokenDebited.v1",
                "sessio.tokens.TokenDebited.v1", "sessio.tokens.TokenDebited.v1",
                "sessio.tokens.TokenDebitRejected.v1", "sessio.tokens.TokenDebitRejected.v1");
        for (UUID r : List.of(r0, r1)) {
            assertThat(Db.count("SELECT count(DISTINCT payload->>'postingId') FROM outbox WHERE kafka_key = ? "
                    + "AND payload->>'registrationId' = ?", a.toString(), r.toString())).isEqualTo(1);
        }
        assertThat(column("SELECT payload->>'balanceAfter' FROM outbox WHERE kafka_key = ? AND ce_type LIKE '%Debit%' ORDER BY id", a.toString())
                .subList(0, 5)).containsExactly("2", "1", "1", "0", "0");
        assertThat(Db.outbox("TokenDebitRejected", b)).isEqualTo(1);
        assertThat(Db.outbox("TokenDebitRejected", neverCredited)).isEqualTo(1);
    }

    @Test
    void twoReplicasBatchingOverTheSameOrganisationsNeitherDeadlockNorOverspend() throws Exception {
        int organisations = 6;
        int tokens = 30;
        List<UUID> orgs = new ArrayList<>();
        for (int i = 0; i < organisations; i++) {
            UUID org = UUID.randomUUID();
            orgs.add(org);
            ledger.credit(org, Cause.grant(UUID.randomUUID()), tokens, null, TokensCredited.Reason.GRANT, null, "t");
        }
        // 300 registrations, each of one organisation, asked about 3 times each across both replicas' batches.
        List<RegistrationDebit> registrations = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            registrations.add(new RegistrationDebit(orgs.get(i % organisations), UUID.randomUUID(), UUID.randomUUID()));
        }
        int batches = 50;
        int batchSize = 20;

        List<List<Map.Entry<RegistrationDebit, Boolean>>> answers = concurrently(2, replica -> {
            Random random = new Random(replica);
            List<Map.Entry<RegistrationDebit, Boolean>> mine = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                List<RegistrationDebit> batch = new ArrayList<>();
                for (int j = 0; j < batchSize; j++) {
                    batch.add(registrations.get(random.nextInt(registrations.size())));
                }
                List<Boolean> debited = ledger.debitForRegistrations(batch);
                for (int j = 0; j < batchSize; j++) {
                    mine.add(Map.entry(batch.get(j), debited.get(j)));
                }
            }
            return mine;
        });

        Map<UUID, Boolean> everDebited = new HashMap<>();
        Map<UUID, Integer> asked = new HashMap<>();
        answers.stream().flatMap(List::stream).forEach(e -> {
            everDebited.merge(e.getKey().registrationId(), e.getValue(), Boolean::logicalOr);
            asked.merge(e.getKey().organisationId(), 1, Integer::sum);
        });
        for (UUID org : orgs) {
            long[] balances = Db.balances(org);
            assertThat(balances[0]).isEqualTo(balances[1]).isEqualTo(balances[2]).isBetween(0L, (long) tokens);
            long debits = Db.count("SELECT count(*) FROM posting WHERE organisation_id = ? AND kind = 'DEBIT'", org);
            assertThat(debits).isEqualTo(tokens - balances[0]);
            assertThat(Db.count("SELECT count(DISTINCT cause_id) FROM posting WHERE organisation_id = ? "
                    + "AND kind = 'DEBIT'", org)).isEqualTo(debits);
            long answeredDebited = registrations.stream()
                    .filter(r -> r.organisationId().equals(org) && everDebited.getOrDefault(r.registrationId(), false))
                    .count();
            assertThat(answeredDebited).as("each registration answered debited has its one posting").isEqualTo(debits);
            assertThat(Db.outbox("TokenDebited", org) + Db.outbox("TokenDebitRejected", org))
                    .isEqualTo((long) asked.getOrDefault(org, 0));
        }
        // A registration once debited is never refused afterwards, in either replica.
        for (List<Map.Entry<RegistrationDebit, Boolean>> replica : answers) {
            Map<UUID, Boolean> seen = new HashMap<>();
            for (Map.Entry<RegistrationDebit, Boolean> e : replica) {
                UUID r = e.getKey().registrationId();
                if (Boolean.TRUE.equals(seen.get(r))) {
                    assertThat(e.getValue()).as("registration %s debited before", r).isTrue();
                }
                seen.merge(r, e.getValue(), Boolean::logicalOr);
            }
        }
    }

    private static List<String> column(String sql, Object... args) {
        List<String> values = new ArrayList<>();
        try (var c = io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get().getConnection();
             var select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setObject(i + 1, args[i]);
            }
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return values;
    }
}
