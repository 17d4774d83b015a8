package dev.sessio.tokens.domain;

import dev.sessio.tokens.domain.ledger.Cause;
import dev.sessio.tokens.domain.ledger.Journal;
import dev.sessio.tokens.domain.ledger.PostingKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's invariants on random sequences of credits, debits, refunds and expiries (pure model, no database). */
class JournalPropertiesTest {

    static final List<UUID> ORGS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    static final List<UUID> REGISTRATIONS = java.util.stream.IntStream.range(0, 12).mapToObj(i -> UUID.randomUUID())
            .toList();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    sealed interface Op permits Credit, Debit, Refund, Expire, Tick {
    }

    record Credit(int org, int quantity, int expiresInDays, int causeNo) implements Op {
    }

    record Debit(int org, int registration) implements Op {
    }

    record Refund(int org, int registration) implements Op {
    }

    record Expire() implements Op {
    }

    record Tick(int days) implements Op {
    }

    @Property(tries = 300)
    void balancesEqualTheSumOfPostingsAndNeverGoNegative(@ForAll("operations") @Size(max = 80) List<Op> ops) {
        Journal journal = new Journal();
        Instant now = T0;
        for (Op op : ops) {
            now = apply(journal, op, now);
            for (UUID org : ORGS) {
                int sum = journal.entries().stream().filter(e -> e.organisationId().equals(org))
                        .mapToInt(Journal.Entry::quantity).sum();
                assertThat(journal.balance(org)).isEqualTo(sum).isGreaterThanOrEqualTo(0);
                assertThat(journal.usable(org, now)).isBetween(0, journal.balance(org));
                assertThat(journal.lotsOf(org).values()).allMatch(remaining -> remaining >= 0);
            }
        }
        assertThat(journal.entries()).allMatch(e -> e.balanceAfter() >= 0);
    }

    @Property(tries = 300)
    void replayingTheJournalGivesTheSameBalances(@ForAll("operations") @Size(max = 80) List<Op> ops) {
        Journal journal = new Journal();
        Instant now = T0;
        for (Op op : ops) {
            now = apply(journal, op, now);
        }
        Map<UUID, Integer> replayed = Journal.replay(journal.entries());
        for (UUID org : ORGS) {
            assertThat(replayed.getOrDefault(org, 0)).isEqualTo(journal.balance(org));
        }
    }

    @Property(tries = 300)
    void theSameCauseAppliedTwicePostsOnce(@ForAll("operations") @Size(max = 80) List<Op> ops) {
        Journal once = new Journal();
        Journal twice = new Journal();
        Instant now = T0;
        for (Op op : ops) {
            Instant next = apply(once, op, now);
            apply(twice, op, now);
            apply(twice, op, now);
            now = next;
        }
        Set<String> keys = new HashSet<>();
        for (Journal.Entry e : twice.entries()) {
            if (e.kind() != PostingKind.EXPIRY) {
                assertThat(keys.add(e.organisationId() + e.cause().key(e.kind()))).as("posted once: %s", e).isTrue();
            }
        }
        Map<UUID, Integer> a = new HashMap<>();
        Map<UUID, Integer> b = new HashMap<>();
        ORGS.forEach(org -> a.put(org, once.balance(org)));
        ORGS.forEach(org -> b.put(org, twice.balance(org)));
        assertThat(b).isEqualTo(a);
    }

    @Property(tries = 200)
    void aDebitTakesTheValidLotThatExpiresFirst(@ForAll("operations") @Size(max = 60) List<Op> ops) {
        Journal journal = new Journal();
        Instant now = T0;
        for (Op op : ops) {
            if (op instanceof Debit d) {
                UUID org = ORGS.get(d.org());
                Instant at = now;
                Instant firstValid = journal.lotsOf(org).entrySet().stream()
                        .filter(l -> l.getKey().isAfter(at) && l.getValue() > 0).map(Map.Entry::getKey)
                        .findFirst().orElse(null);
                Journal.DebitOutcome outcome = journal.debit(org, Cause.registration(REGISTRATIONS.get(d.registration())), now);
                if (outcome instanceof Journal.Debited debited && !debited.alreadyApplied()) {
                    assertThat(debited.entry().lotExpiresAt()).isEqualTo(firstValid);
                } else if (outcome instanceof Journal.Rejected) {
                    assertThat(firstValid).isNull();
                }
            } else {
                now = apply(journal, op, now);
            }
        }
    }

    static Instant apply(Journal journal, Op op, Instant now) {
        switch (op) {
            case Credit c -> journal.credit(ORGS.get(c.org()), Cause.grant(new UUID(c.org(), c.causeNo())),
                    c.quantity(), now.plus(Duration.ofDays(c.expiresInDays())), now);
            case Debit d -> journal.debit(ORGS.get(d.org()), Cause.registration(REGISTRATIONS.get(d.registration())), now);
            case Refund r -> journal.refund(ORGS.get(r.org()), Cause.registration(REGISTRATIONS.get(r.registration())), now);
            case Expire e -> journal.expire(now);
            case Tick t -> {
                return now.plus(Duration.ofDays(t.days()));
            }
        }
        return now;
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> org = Arbitraries.integers().between(0, ORGS.size() - 1);
        Arbitrary<Integer> registration = Arbitraries.integers().between(0, REGISTRATIONS.size() - 1);
        Arbitrary<Op> credit = Combinators.combine(org, Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(1, 60), Arbitraries.integers().between(0, 20)).as(Credit::new);
        Arbitrary<Op> debit = Combinators.combine(org, registration).as(Debit::new);
        Arbitrary<Op> refund = Combinators.combine(org, registration).as(Refund::new);
        Arbitrary<Op> expire = Arbitraries.just(new Expire());
        Arbitrary<Op> tick = Arbitraries.integers().between(1, 30).map(Tick::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, credit), net.jqwik.api.Tuple.of(6, debit), net.jqwik.api.Tuple.of(2, refund),
                net.jqwik.api.Tuple.of(1, expire), net.jqwik.api.Tuple.of(2, tick)).list();
    }
}
