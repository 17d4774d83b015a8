package dev.sessio.tokens.domain.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The ledger's rules without a database: an append-only journal of postings per organisation over lots of tokens
 * keyed by expiry. {@code TokenLedger} applies exactly these rules in SQL under a row lock; the property tests
 * check them on random sequences (balance = sum of postings, never negative, same cause once, replay).
 */
public final class Journal {

    /** One immutable line of the journal. {@code quantity} is signed: credits and refunds positive. */
    public record Entry(UUID organisationId, PostingKind kind, Cause cause, int quantity, Instant lotExpiresAt,
                        int balanceAfter, Instant at) {
    }

    /** The outcome of a debit. */
    public sealed interface DebitOutcome permits Debited, Rejected {
    }

    public record Debited(Entry entry, boolean alreadyApplied) implements DebitOutcome {
    }

    public record Rejected(int usableBalance) implements DebitOutcome {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byCause = new HashMap<>();
    /** organisation → expiry → tokens left in that lot (spent or not yet written off). */
    private final Map<UUID, TreeMap<Instant, Integer>> lots = new HashMap<>();
    private final Map<UUID, Integer> expiryCounts = new HashMap<>();

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Sum of the organisation's postings. */
    public int balance(UUID organisationId) {
        return lots(organisationId).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Tokens that can still be spent at {@code at}: lots not yet expired. */
    public int usable(UUID organisationId, Instant at) {
        return lots(organisationId).tailMap(at, false).values().stream().mapToInt(Integer::intValue).sum();
    }

    public Map<Instant, Integer> lotsOf(UUID organisationId) {
        return Collections.unmodifiableMap(lots(organisationId));
    }

    public Entry credit(UUID organisationId, Cause cause, int quantity, Instant expiresAt, Instant at) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("a credit is at least one token");
        }
        Optional<Entry> done = applied(organisationId, cause, PostingKind.CREDIT);
        if (done.isPresent()) {
            return done.get();
        }
        lots(organisationId).merge(expiresAt, quantity, Integer::sum);
        return post(organisationId, PostingKind.CREDIT, cause, quantity, expiresAt, at);
    }

    /** Takes one token from the lot that expires first among those still valid at {@code at}. */
    public DebitOutcome debit(UUID organisationId, Cause cause, Instant at) {
        Optional<Entry> done = applied(organisationId, cause, PostingKind.DEBIT);
        if (done.isPresent()) {
            return new Debited(done.get(), true);
        }
        TreeMap<Instant, Integer> mine = lots(organisationId);
        Optional<Instant> lot = mine.tailMap(at, false).entrySet().stream()
                .filter(e -> e.getValue() > 0).map(Map.Entry::getKey).findFirst();
        if (lot.isEmpty()) {
            return new Rejected(usable(organisationId, at));
        }
        mine.merge(lot.get(), -1, Integer::sum);
        return new Debited(post(organisationId, PostingKind.DEBIT, cause, -1, lot.get(), at), false);
    }

    /** Gives back the token a debit took, into a lot with the debit's expiry; nothing when there was no debit. */
    public Optional<Entry> refund(UUID organisationId, Cause cause, Instant at) {
        Optional<Entry> done = applied(organisationId, cause, PostingKind.REFUND);
        if (done.isPresent()) {
            return done;
        }
        Entry debit = byCause.get(organisationId + "/" + cause.key(PostingKind.DEBIT));
        if (debit == null) {
            return Optional.empty();
        }
        lots(organisationId).merge(debit.lotExpiresAt(), 1, Integer::sum);
        return Optional.of(post(organisationId, PostingKind.REFUND, cause, 1, debit.lotExpiresAt(), at));
    }

    /** Writes off every lot that has expired at {@code at} with tokens left; running it again posts nothing. */
    public List<Entry> expire(Instant at) {
        List<Entry> expired = new ArrayList<>();
        for (UUID organisationId : List.copyOf(lots.keySet())) {
            TreeMap<Instant, Integer> mine = lots(organisationId);
            for (Map.Entry<Instant, Integer> lot : mine.headMap(at, true).entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue())).toList()) {   // copies: TreeMap entries change with put()
                if (lot.getValue() > 0) {
                    mine.put(lot.getKey(), 0);
                    // A lot can be written off again after a late refund into it: each write-off is its own cause.
                    int n = expiryCounts.merge(organisationId, 1, Integer::sum);
                    Cause cause = Cause.lot(UUID.nameUUIDFromBytes((organisationId + "/" + n).getBytes()));
                    expired.add(post(organisationId, PostingKind.EXPIRY, cause, -lot.getValue(), lot.getKey(), at));
                }
            }
        }
        return expired;
    }

    /** Rebuilds the balances from a journal alone, as an auditor would. */
    public static Map<UUID, Integer> replay(List<Entry> journal) {
        Map<UUID, Integer> balances = new HashMap<>();
        journal.stream().sorted(Comparator.comparing(Entry::at))
                .forEach(e -> balances.merge(e.organisationId(), e.quantity(), Integer::sum));
        return balances;
    }

    private Optional<Entry> applied(UUID organisationId, Cause cause, PostingKind kind) {
        return Optional.ofNullable(byCause.get(organisationId + "/" + cause.key(kind)));
    }

    private Entry post(UUID organisationId, PostingKind kind, Cause cause, int quantity, Instant lotExpiresAt,
                       Instant at) {
        Entry entry = new Entry(organisationId, kind, cause, quantity, lotExpiresAt, balance(organisationId), at);
        entries.add(entry);
        byCause.put(organisationId + "/" + cause.key(kind), entry);
        return entry;
    }

    private TreeMap<Instant, Integer> lots(UUID organisationId) {
        return lots.computeIfAbsent(organisationId, id -> new TreeMap<>());
    }
}
