package dev.sessio.tokens.domain.ledger;

import dev.sessio.tokens.domain.ledger.LedgerStore.DebitDone;
import dev.sessio.tokens.domain.ledger.LedgerStore.DebitRefused;
import dev.sessio.tokens.domain.ledger.LedgerStore.DebitResult;
import dev.sessio.tokens.domain.ledger.LedgerStore.Posted;
import dev.sessio.tokens.domain.ledger.LedgerStore.PostingRow;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a batch of debits does, worked out in memory from the state of the organisations' accounts read under
 * their locks: the {@link Journal}'s debit rule applied request after request (the cause once, the valid lot that
 * expires first, a refusal with the usable balance). No database here, so the property tests check it against
 * {@link Journal}; {@link LedgerStore#debitAll} reads the state, plans, and writes the plan in one statement.
 */
public final class DebitPlan {

    /** A lot still valid at the batch's instant with tokens left. */
    public record Lot(UUID id, Instant expiresAt, int remaining) {
    }

    /** A locked account: its ledger balance and its valid lots by expiry, soonest first. */
    public record Account(int balance, List<Lot> validLots) {
    }

    /** Tokens taken from an account's balance by the batch, and the balance it ends with. */
    public record AccountChange(int taken, int balanceAfter) {
    }

    /**
     * @param results           one per request, in request order
     * @param takenFromLots     lot id → tokens taken from it
     * @param takenFromAccounts organisation → what the batch does to its balance
     * @param postings          the new postings, in request order (their journal order)
     */
    public record Planned(List<DebitResult> results, Map<UUID, Integer> takenFromLots,
                          Map<UUID, AccountChange> takenFromAccounts, List<PostingRow> postings) {
    }

    private DebitPlan() {
    }

    /**
     * @param accounts the locked accounts; an organisation without one was never credited and is refused with 0
     * @param applied  debits already posted, by {@link #key(UUID, String)}
     */
    public static Planned plan(List<DebitRequest> requests, Map<UUID, Account> accounts,
                               Map<String, PostingRow> applied, Instant now, Supplier<UUID> ids) {
        Map<UUID, Deque<int[]>> left = new HashMap<>();        // organisation → remaining of each lot, in lot order
        Map<UUID, Integer> usable = new HashMap<>();
        Map<UUID, Integer> balance = new HashMap<>();
        accounts.forEach((org, account) -> {
            Deque<int[]> lots = new ArrayDeque<>();
            int sum = 0;
            for (int i = 0; i < account.validLots().size(); i++) {
                Lot lot = account.validLots().get(i);
                if (lot.remaining() > 0 && lot.expiresAt().isAfter(now)) {
                    lots.add(new int[]{i, lot.remaining()});
                    sum += lot.remaining();
                }
            }
            left.put(org, lots);
            usable.put(org, sum);
            balance.put(org, account.balance());
        });
        Map<String, PostingRow> posted = new HashMap<>(applied);
        Map<UUID, Integer> fromLots = new LinkedHashMap<>();
        Map<UUID, AccountChange> fromAccounts = new LinkedHashMap<>();
        List<PostingRow> postings = new ArrayList<>();
        List<DebitResult> results = new ArrayList<>(requests.size());
        for (DebitRequest request : requests) {
            UUID org = request.organisationId();
            String key = request.cause().key(PostingKind.DEBIT);
            PostingRow done = posted.get(key(org, key));
            Deque<int[]> lots = left.get(org);
            if (done != null) {
                results.add(new DebitDone(new Posted(done, true, usable.getOrDefault(org, 0))));
                continue;
            }
            if (lots == null || lots.isEmpty()) {
                results.add(new DebitRefused(usable.getOrDefault(org, 0)));
                continue;
            }
            int[] first = lots.peekFirst();
            Lot lot = accounts.get(org).validLots().get(first[0]);
            if (--first[1] == 0) {
                lots.removeFirst();
            }
            fromLots.merge(lot.id(), 1, Integer::sum);
            int after = balance.merge(org, -1, Integer::sum);
            fromAccounts.merge(org, new AccountChange(1, after), (was, one) -> new AccountChange(was.taken() + 1, after));
            int usableAfter = usable.merge(org, -1, Integer::sum);
            PostingRow row = new PostingRow(ids.get(), org, PostingKind.DEBIT, -1, lot.expiresAt(), request.cause(),
                    request.sessionId(), null, null, null, after, now);
            posted.put(key(org, key), row);
            postings.add(row);
            results.add(new DebitDone(new Posted(row, false, usableAfter)));
        }
        return new Planned(List.copyOf(results), fromLots, fromAccounts, List.copyOf(postings));
    }

    /** How {@code applied} is keyed: a cause key is unique per organisation. */
    public static String key(UUID organisationId, String causeKey) {
        return organisationId + "/" + causeKey;
    }
}
