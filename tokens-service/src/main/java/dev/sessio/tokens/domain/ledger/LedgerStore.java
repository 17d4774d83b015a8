package dev.sessio.tokens.domain.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link Journal}'s rules in SQL, on the caller's connection and transaction. Every change first locks the
 * organisation's account row ({@code SELECT … FOR UPDATE}): postings of one organisation are serialised, so a lot is
 * never over-spent and a cause is looked up and posted atomically; organisations never wait for each other.
 * Plain JDBC (no framework) so the service and the benchmark run the very same statements.
 */
public final class LedgerStore {

    public record PostingRow(UUID id, UUID organisationId, PostingKind kind, int quantity, Instant lotExpiresAt,
                             Cause cause, UUID sessionId, UUID orderId, String creditReason, String note,
                             int balanceAfter, Instant postedAt) {
    }

    /** A posting made now, or found because its cause was already applied; with the usable balance after it. */
    public record Posted(PostingRow posting, boolean alreadyApplied, int usableAfter) {
    }

    public sealed interface DebitResult permits DebitDone, DebitRefused {
    }

    public record DebitDone(Posted posted) implements DebitResult {
    }

    public record DebitRefused(int usableBalance) implements DebitResult {
    }

    public record LotRow(UUID id, UUID organisationId, Instant expiresAt, int remaining) {
    }

    private static final String POSTING_COLUMNS = """
            id, organisation_id, kind, quantity, lot_expires_at, cause_type, cause_id, session_id, order_id,
            credit_reason, note, balance_after, posted_at""";

    /** Locks the organisation's account (creating it on first use) and returns its ledger balance. */
    public int lock(Connection c, UUID organisationId) throws SQLException {
        Optional<Integer> balance = selectForUpdate(c, organisationId);
        if (balance.isPresent()) {
            return balance.get();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO token_account (organisation_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            insert.setObject(1, organisationId);
            insert.executeUpdate();
        }
        return selectForUpdate(c, organisationId).orElseThrow();
    }

    public Optional<PostingRow> byCause(Connection c, UUID organisationId, String causeKey) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + POSTING_COLUMNS
                + " FROM posting WHERE organisation_id = ? AND cause_key = ?")) {
            select.setObject(1, organisationId);
            select.setString(2, causeKey);
            return one(select);
        }
    }

    public Posted credit(Connection c, UUID organisationId, Cause cause, int quantity, Instant expiresAt,
                         String creditReason, UUID orderId, String note, Instant now) throws SQLException {
        if (quantity <= 0) {
            throw new IllegalArgumentException("a credit is at least one token");
        }
        lock(c, organisationId);
        Optional<PostingRow> done = byCause(c, organisationId, cause.key(PostingKind.CREDIT));
        if (done.isPresent()) {
            return new Posted(done.get(), true, usable(c, organisationId, now));
        }
        addToLot(c, organisationId, expiresAt, quantity);
        PostingRow row = insert(c, organisationId, PostingKind.CREDIT, quantity, expiresAt, cause,
                cause.key(PostingKind.CREDIT), null, orderId, creditReason, note, now);
        return new Posted(row, false, usable(c, organisationId, now));
    }

    /**
     * The debits of a batch (a consumer's poll) in one transaction, answered in request order, each exactly as if
     * the debits came one after the other. Two round trips whatever the batch's size:
     * <ol>
     * <li>lock every organisation's account at once, sorted by organisation id so that two replicas' batches over
     * the same organisations queue instead of deadlocking; then, in the same round trip but as later statements (so
     * under READ COMMITTED they see what the previous lock holders committed), read the valid lots and the causes
     * already debited;</li>
     * <li>{@link DebitPlan} works out the postings in memory; one statement takes the tokens from the lots and the
     * balances (relative updates: the {@code >= 0} checks still stand behind the plan) and appends the postings.</li>
     * </ol>
     * An organisation without an account (never credited) is refused with 0 and no account is created for it: there is nothing to lock, since a lot only appears together with its account.
     */
    public List<DebitResult> debitAll(Connection c, List<DebitRequest> requests, Instant now) throws SQLException {
        if (requests.isEmpty()) {
            return List.of();
        }
        UUID[] organisations = requests.stream().map(DebitRequest::organisationId).distinct().toArray(UUID[]::new);
        UUID[] causeOrganisations = requests.stream().map(DebitRequest::organisationId).toArray(UUID[]::new);
        String[] causeKeys = requests.stream().map(r -> r.cause().key(PostingKind.DEBIT)).toArray(String[]::new);
        Timestamp at = Timestamp.from(now);
        Map<UUID, Integer> balances = new HashMap<>();
        Map<UUID, List<DebitPlan.Lot>> lots = new HashMap<>();
        Map<String, PostingRow> applied = new HashMap<>();
        try (PreparedStatement read = c.prepareStatement("""
                SELECT organisation_id, balance FROM token_account WHERE organisation_id = ANY (?)
                ORDER BY organisation_id FOR UPDATE;
                SELECT organisation_id, id, expires_at, remaining FROM token_lot
                WHERE organisation_id = ANY (?) AND remaining > 0 AND expires_at > ? ORDER BY organisation_id, expires_at;
                SELECT\s""" + POSTING_COLUMNS + """
                 FROM unnest(?::uuid[], ?::text[]) AS wanted (organisation, key),
                LATERAL (SELECT * FROM posting WHERE organisation_id = wanted.organisation AND cause_key = wanted.key)
                    AS posting""")) {
            Array orgs = c.createArrayOf("uuid", organisations);
            read.setArray(1, orgs);
            read.setArray(2, orgs);
            read.setTimestamp(3, at);
            read.setArray(4, c.createArrayOf("uuid", causeOrganisations));
            read.setArray(5, c.createArrayOf("text", causeKeys));
            read.execute();
            try (ResultSet rs = read.getResultSet()) {
                while (rs.next()) {
                    balances.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
            // Only locked accounts count: the lots of an account created since the lock are not ours to touch.
            read.getMoreResults();
            try (ResultSet rs = read.getResultSet()) {
                while (rs.next()) {
                    UUID org = rs.getObject(1, UUID.class);
                    if (balances.containsKey(org)) {
                        lots.computeIfAbsent(org, o -> new ArrayList<>()).add(new DebitPlan.Lot(
                                rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(), rs.getInt(4)));
                    }
                }
            }
            read.getMoreResults();
            try (ResultSet rs = read.getResultSet()) {
                while (rs.next()) {
                    PostingRow row = row(rs, 0);
                    if (balances.containsKey(row.organisationId())) {
                        applied.put(DebitPlan.key(row.organisationId(), row.cause().key(PostingKind.DEBIT)), row);
                    }
                }
            }
        }
        Map<UUID, DebitPlan.Account> accounts = new HashMap<>();
        balances.forEach((org, balance) -> accounts.put(org,
                new DebitPlan.Account(balance, lots.getOrDefault(org, List.of()))));
        DebitPlan.Planned plan = DebitPlan.plan(requests, accounts, applied, now, UUID::randomUUID);
        if (!plan.postings().isEmpty()) {
            write(c, plan, at);
        }
        return plan.results();
    }

    private void write(Connection c, DebitPlan.Planned plan, Timestamp at) throws SQLException {
        List<PostingRow> postings = plan.postings();
        int n = postings.size();
        UUID[] ids = new UUID[n];
        UUID[] orgs = new UUID[n];
        String[] lotExpiries = new String[n];
        String[] causeTypes = new String[n];
        UUID[] causeIds = new UUID[n];
        String[] causeKeys = new String[n];
        UUID[] sessions = new UUID[n];
        int[] balancesAfter = new int[n];
        for (int i = 0; i < n; i++) {
            PostingRow p = postings.get(i);
            ids[i] = p.id();
            orgs[i] = p.organisationId();
            lotExpiries[i] = p.lotExpiresAt().toString();   // ISO-8601 in UTC: exact, whatever the session's zone
            causeTypes[i] = p.cause().type().name();
            causeIds[i] = p.cause().id();
            causeKeys[i] = p.cause().key(PostingKind.DEBIT);
            sessions[i] = p.sessionId();
            balancesAfter[i] = p.balanceAfter();
        }
        try (PreparedStatement write = c.prepareStatement("""
                WITH lots AS (
                    UPDATE token_lot SET remaining = remaining - taken.n
                    FROM unnest(?::uuid[], ?::int[]) AS taken (id, n) WHERE token_lot.id = taken.id
                    RETURNING 1),
                accounts AS (
                    UPDATE token_account SET balance = balance - taken.n, updated_at = ?
                    FROM unnest(?::uuid[], ?::int[]) AS taken (organisation_id, n)
                    WHERE token_account.organisation_id = taken.organisation_id
                    RETURNING token_account.organisation_id, token_account.balance),
                posted AS (
                    INSERT INTO posting (id, organisation_id, kind, quantity, lot_expires_at, cause_type, cause_id,
                                         cause_key, session_id, balance_after, posted_at)
                    SELECT p.id, p.organisation_id, 'DEBIT', -1, p.lot_expires_at::timestamptz, p.cause_type,
                           p.cause_id, p.cause_key, p.session_id, p.balance_after, ?
                    FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::uuid[], ?::int[])
                         WITH ORDINALITY AS p (id, organisation_id, lot_expires_at, cause_type, cause_id, cause_key,
                                               session_id, balance_after, n)
                    ORDER BY p.n
                    RETURNING 1)
                SELECT (SELECT count(*) FROM lots), (SELECT count(*) FROM posted), organisation_id, balance
                FROM accounts""")) {
            write.setArray(1, c.createArrayOf("uuid", plan.takenFromLots().keySet().toArray()));
            write.setArray(2, c.createArrayOf("int4", plan.takenFromLots().values().toArray()));
            write.setTimestamp(3, at);
            write.setArray(4, c.createArrayOf("uuid", plan.takenFromAccounts().keySet().toArray()));
            write.setArray(5, c.createArrayOf("int4",
                    plan.takenFromAccounts().values().stream().map(DebitPlan.AccountChange::taken).toArray()));
            write.setTimestamp(6, at);
            write.setArray(7, c.createArrayOf("uuid", ids));
            write.setArray(8, c.createArrayOf("uuid", orgs));
            write.setArray(9, c.createArrayOf("text", lotExpiries));
            write.setArray(10, c.createArrayOf("text", causeTypes));
            write.setArray(11, c.createArrayOf("uuid", causeIds));
            write.setArray(12, c.createArrayOf("text", causeKeys));
            write.setArray(13, c.createArrayOf("uuid", sessions));
            write.setArray(14, c.createArrayOf("int4", Arrays.stream(balancesAfter).boxed().toArray()));
            // The plan was made under the locks, so the database must agree to the token; if not, roll back.
            int accounts = 0;
            try (ResultSet rs = write.executeQuery()) {
                while (rs.next()) {
                    accounts++;
                    DebitPlan.AccountChange change = plan.takenFromAccounts().get(rs.getObject(3, UUID.class));
                    if (rs.getLong(1) != plan.takenFromLots().size() || rs.getLong(2) != n || change == null
                            || rs.getInt(4) != change.balanceAfter()) {
                        throw new IllegalStateException("the ledger changed under its locks: batch not applied");
                    }
                }
            }
            if (accounts != plan.takenFromAccounts().size()) {
                throw new IllegalStateException("the ledger changed under its locks: batch not applied");
            }
        }
    }

    /** Gives back the token the cause's debit took, into a lot with that debit's expiry; empty when never debited. */
    public Optional<Posted> refund(Connection c, UUID organisationId, Cause cause, Instant now) throws SQLException {
        lock(c, organisationId);
        Optional<PostingRow> done = byCause(c, organisationId, cause.key(PostingKind.REFUND));
        if (done.isPresent()) {
            return Optional.of(new Posted(done.get(), true, usable(c, organisationId, now)));
        }
        Optional<PostingRow> debit = byCause(c, organisationId, cause.key(PostingKind.DEBIT));
        if (debit.isEmpty()) {
            return Optional.empty();
        }
        addToLot(c, organisationId, debit.get().lotExpiresAt(), 1);
        PostingRow row = insert(c, organisationId, PostingKind.REFUND, 1, debit.get().lotExpiresAt(), cause,
                cause.key(PostingKind.REFUND), debit.get().sessionId(), null, null, null, now);
        return Optional.of(new Posted(row, false, usable(c, organisationId, now)));
    }

    /** Writes off what is left in a lot that has expired at {@code now}; empty when nothing is left (already done). */
    public Optional<Posted> expire(Connection c, UUID lotId, Instant now) throws SQLException {
        Optional<LotRow> lot = lot(c, lotId);
        if (lot.isEmpty()) {
            return Optional.empty();
        }
        UUID organisationId = lot.get().organisationId();
        lock(c, organisationId);
        LotRow locked = lot(c, lotId).orElseThrow();
        if (locked.remaining() == 0 || locked.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        try (PreparedStatement empty = c.prepareStatement("UPDATE token_lot SET remaining = 0 WHERE id = ?")) {
            empty.setObject(1, lotId);
            empty.executeUpdate();
        }
        // A late refund can refill an expired lot: each write-off is its own cause, numbered per lot.
        int previous;
        try (PreparedStatement count = c.prepareStatement(
                "SELECT count(*) FROM posting WHERE organisation_id = ? AND kind = 'EXPIRY' AND cause_id = ?")) {
            count.setObject(1, organisationId);
            count.setObject(2, lotId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                previous = rs.getInt(1);
            }
        }
        Cause cause = Cause.lot(lotId);
        PostingRow row = insert(c, organisationId, PostingKind.EXPIRY, -locked.remaining(), locked.expiresAt(), cause,
                cause.key(PostingKind.EXPIRY) + ":" + (previous + 1), null, null, null, null, now);
        return Optional.of(new Posted(row, false, usable(c, organisationId, now)));
    }

    public int usable(Connection c, UUID organisationId, Instant now) throws SQLException {
        try (PreparedStatement sum = c.prepareStatement(
                "SELECT coalesce(sum(remaining), 0) FROM token_lot WHERE organisation_id = ? AND expires_at > ?")) {
            sum.setObject(1, organisationId);
            sum.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = sum.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public List<LotRow> lots(Connection c, UUID organisationId, Instant validAfter) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, organisation_id, expires_at, remaining FROM token_lot
                WHERE organisation_id = ? AND remaining > 0 AND expires_at > ? ORDER BY expires_at""")) {
            select.setObject(1, organisationId);
            select.setTimestamp(2, Timestamp.from(validAfter));
            return lotRows(select);
        }
    }

    public Optional<LotRow> lot(Connection c, UUID lotId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, organisation_id, expires_at, remaining FROM token_lot WHERE id = ?")) {
            select.setObject(1, lotId);
            return lotRows(select).stream().findFirst();
        }
    }

    public Optional<PostingRow> byId(Connection c, UUID postingId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + POSTING_COLUMNS + " FROM posting WHERE id = ?")) {
            select.setObject(1, postingId);
            return one(select);
        }
    }

    public List<PostingRow> page(Connection c, UUID organisationId, int page, int size) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + POSTING_COLUMNS
                + " FROM posting WHERE organisation_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?")) {
            select.setObject(1, organisationId);
            select.setInt(2, size);
            select.setLong(3, (long) page * size);
            return all(select);
        }
    }

    public long count(Connection c, UUID organisationId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT count(*) FROM posting WHERE organisation_id = ?")) {
            select.setObject(1, organisationId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Debits of a session not refunded yet: what a cancelled session gives back. */
    public List<PostingRow> unrefundedDebitsOfSession(Connection c, UUID sessionId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + POSTING_COLUMNS + " " + """
                 FROM posting d WHERE d.kind = 'DEBIT' AND d.session_id = ?
                 AND NOT EXISTS (SELECT 1 FROM posting r WHERE r.organisation_id = d.organisation_id
                                 AND r.cause_key = 'refund:registration:' || d.cause_id)
                 ORDER BY seq""")) {
            select.setObject(1, sessionId);
            return all(select);
        }
    }

    private Optional<Integer> selectForUpdate(Connection c, UUID organisationId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT balance FROM token_account WHERE organisation_id = ? FOR UPDATE")) {
            select.setObject(1, organisationId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    private void addToLot(Connection c, UUID organisationId, Instant expiresAt, int quantity) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO token_lot (id, organisation_id, expires_at, remaining) VALUES (?, ?, ?, ?)
                ON CONFLICT (organisation_id, expires_at) DO UPDATE SET remaining = token_lot.remaining + EXCLUDED.remaining""")) {
            upsert.setObject(1, UUID.randomUUID());
            upsert.setObject(2, organisationId);
            upsert.setTimestamp(3, Timestamp.from(expiresAt));
            upsert.setInt(4, quantity);
            upsert.executeUpdate();
        }
    }

    private PostingRow insert(Connection c, UUID organisationId, PostingKind kind, int quantity, Instant lotExpiresAt,
                              Cause cause, String causeKey, UUID sessionId, UUID orderId, String creditReason,
                              String note, Instant now) throws SQLException {
        int balanceAfter;
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE token_account SET balance = balance + ?, updated_at = ? WHERE organisation_id = ? RETURNING balance")) {
            update.setInt(1, quantity);
            update.setTimestamp(2, Timestamp.from(now));
            update.setObject(3, organisationId);
            try (ResultSet rs = update.executeQuery()) {
                rs.next();
                balanceAfter = rs.getInt(1);
            }
        }
        PostingRow row = new PostingRow(UUID.randomUUID(), organisationId, kind, quantity, lotExpiresAt, cause,
                sessionId, orderId, creditReason, note, balanceAfter, now);
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO posting (id, organisation_id, kind, quantity, lot_expires_at, cause_type, cause_id, cause_key,
                                     session_id, order_id, credit_reason, note, balance_after, posted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, row.id());
            insert.setObject(2, organisationId);
            insert.setString(3, kind.name());
            insert.setInt(4, quantity);
            insert.setTimestamp(5, Timestamp.from(lotExpiresAt));
            insert.setString(6, cause.type().name());
            insert.setObject(7, cause.id());
            insert.setString(8, causeKey);
            insert.setObject(9, sessionId);
            insert.setObject(10, orderId);
            insert.setString(11, creditReason);
            insert.setString(12, note);
            insert.setInt(13, balanceAfter);
            insert.setTimestamp(14, Timestamp.from(now));
            insert.executeUpdate();
        }
        return row;
    }

    private static Optional<PostingRow> one(PreparedStatement select) throws SQLException {
        return all(select).stream().findFirst();
    }

    private static List<PostingRow> all(PreparedStatement select) throws SQLException {
        List<PostingRow> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs, 0));
            }
        }
        return rows;
    }

    /** Reads a posting from {@code POSTING_COLUMNS} starting after column {@code offset}. */
    private static PostingRow row(ResultSet rs, int offset) throws SQLException {
        return new PostingRow(rs.getObject(offset + 1, UUID.class), rs.getObject(offset + 2, UUID.class),
                PostingKind.valueOf(rs.getString(offset + 3)), rs.getInt(offset + 4),
                rs.getTimestamp(offset + 5).toInstant(),
                new Cause(Cause.Type.valueOf(rs.getString(offset + 6)), rs.getObject(offset + 7, UUID.class)),
                rs.getObject(offset + 8, UUID.class), rs.getObject(offset + 9, UUID.class), rs.getString(offset + 10),
                rs.getString(offset + 11), rs.getInt(offset + 12), rs.getTimestamp(offset + 13).toInstant());
    }

    private static List<LotRow> lotRows(PreparedStatement select) throws SQLException {
        List<LotRow> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new LotRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant(), rs.getInt(4)));
            }
        }
        return rows;
    }
}
