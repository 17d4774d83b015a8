package dev.sessio.tokens.domain;

import dev.sessio.tokens.domain.JournalPropertiesTest.Op;
import dev.sessio.tokens.domain.ledger.Cause;
import dev.sessio.tokens.domain.ledger.DebitPlan;
import dev.sessio.tokens.domain.ledger.DebitRequest;
import dev.sessio.tokens.domain.ledger.Journal;
import dev.sessio.tokens.domain.ledger.LedgerStore.DebitDone;
import dev.sessio.tokens.domain.ledger.LedgerStore.DebitRefused;
import dev.sessio.tokens.domain.ledger.LedgerStore.DebitResult;
import dev.sessio.tokens.domain.ledger.LedgerStore.PostingRow;
import dev.sessio.tokens.domain.ledger.PostingKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.sessio.tokens.domain.JournalPropertiesTest.ORGS;
import static dev.sessio.tokens.domain.JournalPropertiesTest.REGISTRATIONS;
import static dev.sessio.tokens.domain.JournalPropertiesTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch planned by {@link DebitPlan} from the state under the locks answers every request exactly as the
 * {@link Journal} does when the same debits come one after the other, and changes lots and balances the same way.
 */
class DebitPlanPropertiesTest {

    record Request(int org, int registration) {
    }

    @Property(tries = 500)
    void aPlannedBatchIsTheJournalsDebitsOneAfterTheOther(
            @ForAll("history") @Size(max = 60) List<Op> history,
            @ForAll("batch") @Size(min = 1, max = 40) List<Request> batch) {
        Journal journal = new Journal();
        Instant now = T0;
        for (Op op : history) {
            now = JournalPropertiesTest.apply(journal, op, now);
        }
        Map<UUID, DebitPlan.Account> accounts = new HashMap<>();
        Map<UUID, Map<Instant, UUID>> lotIds = new HashMap<>();
        for (UUID org : ORGS) {
            if (journal.entries().stream().anyMatch(e -> e.organisationId().equals(org))) {
                List<DebitPlan.Lot> lots = new ArrayList<>();
                // Every lot, spent and expired ones too: the plan must skip what the SQL query leaves out.
                journal.lotsOf(org).forEach((expiry, remaining) -> {
                    UUID id = UUID.randomUUID();
                    lotIds.computeIfAbsent(org, o -> new HashMap<>()).put(expiry, id);
                    lots.add(new DebitPlan.Lot(id, expiry, remaining));
                });
                accounts.put(org, new DebitPlan.Account(journal.balance(org), lots));
            }
        }
        Map<String, PostingRow> applied = new HashMap<>();
        for (Journal.Entry e : journal.entries()) {
            if (e.kind() == PostingKind.DEBIT) {
                applied.put(DebitPlan.key(e.organisationId(), e.cause().key(PostingKind.DEBIT)), row(e));
            }
        }
        Map<UUID, Map<Instant, Integer>> lotsBefore = new HashMap<>();
        ORGS.forEach(org -> lotsBefore.put(org, Map.copyOf(journal.lotsOf(org))));
        List<DebitRequest> requests = batch.stream().map(r -> new DebitRequest(ORGS.get(r.org()),
                Cause.registration(REGISTRATIONS.get(r.registration())), null)).toList();

        DebitPlan.Planned plan = DebitPlan.plan(requests, accounts, applied, now, UUID::randomUUID);

        assertThat(plan.results()).hasSameSizeAs(requests);
        int posted = 0;
        for (int i = 0; i < requests.size(); i++) {
            DebitRequest request = requests.get(i);
            UUID org = request.organisationId();
            Journal.DebitOutcome expected = journal.debit(org, request.cause(), now);
            DebitResult actual = plan.results().get(i);
            switch (expected) {
                case Journal.Debited debited -> {
                    assertThat(actual).as("request %d", i).isInstanceOf(DebitDone.class);
                    var done = ((DebitDone) actual).posted();
                    assertThat(done.alreadyApplied()).isEqualTo(debited.alreadyApplied());
                    assertThat(done.posting().lotExpiresAt()).isEqualTo(debited.entry().lotExpiresAt());
                    assertThat(done.posting().balanceAfter()).isEqualTo(debited.entry().balanceAfter());
                    assertThat(done.posting().cause()).isEqualTo(request.cause());
                    assertThat(done.usableAfter()).isEqualTo(journal.usable(org, now));
                    if (!debited.alreadyApplied()) {
                        assertThat(plan.postings().get(posted++)).isSameAs(done.posting());
                    }
                }
                case Journal.Rejected rejected -> {
                    assertThat(actual).as("request %d", i).isInstanceOf(DebitRefused.class);
                    assertThat(((DebitRefused) actual).usableBalance()).isEqualTo(rejected.usableBalance()).isZero();
                }
            }
        }
        assertThat(plan.postings()).hasSize(posted);
        for (UUID org : ORGS) {
            Map<Instant, UUID> ids = lotIds.getOrDefault(org, Map.of());
            lotsBefore.get(org).forEach((expiry, before) -> assertThat(
                    before - plan.takenFromLots().getOrDefault(ids.get(expiry), 0))
                    .isEqualTo(journal.lotsOf(org).get(expiry)));
            DebitPlan.AccountChange change = plan.takenFromAccounts().get(org);
            if (change != null) {
                assertThat(change.balanceAfter()).isEqualTo(journal.balance(org)).isGreaterThanOrEqualTo(0);
                assertThat(change.taken()).isEqualTo(
                        plan.postings().stream().filter(p -> p.organisationId().equals(org)).count());
            }
        }
    }

    private static PostingRow row(Journal.Entry e) {
        return new PostingRow(UUID.randomUUID(), e.organisationId(), e.kind(), e.quantity(), e.lotExpiresAt(),
                e.cause(), null, null, null, null, e.balanceAfter(), e.at());
    }

    @Provide
    Arbitrary<List<Op>> history() {
        return new JournalPropertiesTest().operations();
    }

    @Provide
    Arbitrary<List<Request>> batch() {
        // Few registrations, so that a batch repeats causes, among themselves and with the history.
        return Combinators.combine(Arbitraries.integers().between(0, ORGS.size() - 1),
                Arbitraries.integers().between(0, REGISTRATIONS.size() - 1)).as(Request::new).list();
    }
}
