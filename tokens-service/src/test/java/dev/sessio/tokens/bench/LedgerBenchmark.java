package dev.sessio.tokens.bench;

import dev.sessio.testing.PostgresServer;
import dev.sessio.tokens.domain.ledger.Cause;
import dev.sessio.tokens.domain.ledger.DebitRequest;
import dev.sessio.tokens.domain.ledger.LedgerStore;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Debits per second on real PostgreSQL, next to the same server's plain single-row UPDATE rate in the same run.
 * A single debit is the whole transaction the registration saga committed per record: the inbox row, the ledger
 * debit ({@link LedgerStore#debit}, the very statements the service runs) and the outbox row of TokenDebited.
 * A batch debit is the transaction the batch consumer commits per poll: one inbox statement for the batch, the
 * ledger's {@link LedgerStore#debitAll}, the outbox rows in order, one commit; its score is per debit
 * ({@code @OperationsPerInvocation}), so it reads next to the others.
 * <pre>
 * ./mvnw -q -pl tokens-service test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp tokens-service/target/test-classes:tokens-service/target/classes:$(cat tokens-service/target/bench.cp) \
 *      dev.sessio.tokens.bench.LedgerBenchmark tokens-service/benchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerBenchmark {

    static final int ORGANISATIONS = 1_000;
    static final int TOKENS_PER_ORG = 10_000_000;
    /** Batch sizes: a modest poll, and about what max.poll.records lets through at peak. */
    static final int SMALL_BATCH = 50;
    static final int LARGE_BATCH = 200;

    @State(Scope.Benchmark)
    public static class Database {
        String url;
        final List<UUID> organisations = new ArrayList<>();
        final UUID hotOrganisation = UUID.randomUUID();
        final Instant expiresAt = Instant.now().plus(Duration.ofDays(365));

        @Setup(Level.Trial)
        public void start() throws SQLException {
            url = PostgresServer.freshDatabase("tokens_bench");
            Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration", "classpath:db/platform")
                    .load().migrate();
            LedgerStore store = new LedgerStore();
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                c.setAutoCommit(false);
                organisations.add(hotOrganisation);
                for (int i = 1; i < ORGANISATIONS; i++) {
                    organisations.add(UUID.randomUUID());
                }
                for (UUID org : organisations) {
                    store.credit(c, org, Cause.grant(UUID.randomUUID()), TOKENS_PER_ORG, expiresAt, "GRANT", null, "bench",
                            Instant.now());
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE counter (id INT PRIMARY KEY, n BIGINT NOT NULL)");
                    s.execute("INSERT INTO counter SELECT g, 0 FROM generate_series(1, " + ORGANISATIONS + ") g");
                }
                c.commit();
            }
        }
    }

    @State(Scope.Thread)
    public static class Session {
        Connection c;
        final LedgerStore store = new LedgerStore();
        PreparedStatement inbox;
        PreparedStatement outbox;
        PreparedStatement hotUpdate;

        @Setup(Level.Trial)
        public void open(Database db) throws SQLException {
            c = DriverManager.getConnection(db.url, "postgres", "");
            c.setAutoCommit(false);
            inbox = c.prepareStatement("INSERT INTO inbox (consumer, event_id, ce_type) VALUES ('tokens.sessions', ?, "
                    + "'sessio.sessions.RegistrationRequested.v1') ON CONFLICT DO NOTHING");
            outbox = c.prepareStatement("""
                    INSERT INTO outbox (event_id, topic, kafka_key, ce_type, ce_source, ce_subject, ce_time, payload)
                    VALUES (?, 'tokens.events.v1', ?, 'sessio.tokens.TokenDebited.v1', '/sessio/tokens', ?, ?, ?::json)""");
            hotUpdate = c.prepareStatement("UPDATE counter SET n = n + 1 WHERE id = ?");
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            c.close();
        }

        boolean debit(UUID org) throws SQLException {
            UUID registration = UUID.randomUUID();
            inbox.setString(1, UUID.randomUUID().toString());
            inbox.executeUpdate();
            Instant now = Instant.now();
            // One record, one transaction: the service's path for a batch of one (and for a batch applied record
            // by record after a failure).
            LedgerStore.DebitResult result = store.debitAll(c,
                    List.of(new DebitRequest(org, Cause.registration(registration), UUID.randomUUID())), now).getFirst();
            if (!(result instanceof LedgerStore.DebitDone done)) {
                throw new IllegalStateException("out of tokens");
            }
            outbox.setObject(1, UUID.randomUUID());
            outbox.setString(2, org.toString());
            outbox.setString(3, "organisation/" + org);
            outbox.setTimestamp(4, Timestamp.from(now));
            outbox.setString(5, payload(org, done, registration));
            outbox.executeUpdate();
            c.commit();
            return true;
        }

        int update(int id) throws SQLException {
            hotUpdate.setInt(1, id);
            int n = hotUpdate.executeUpdate();
            c.commit();
            return n;
        }
    }


    /** One consumer replica applying polls: its connection and the batch statements. */
    @State(Scope.Thread)
    public static class BatchSession {
        /** How the outbox rows go in: one INSERT per event as {@code Outbox.record} does today, or one statement. */
        @Param({"insertPerEvent", "oneInsert"})
        String outboxRows;

        Connection c;
        final LedgerStore store = new LedgerStore();
        PreparedStatement inbox;
        PreparedStatement outbox;
        PreparedStatement outboxAll;

        @Setup(Level.Trial)
        public void open(Database db) throws SQLException {
            c = DriverManager.getConnection(db.url, "postgres", "");
            c.setAutoCommit(false);
            inbox = c.prepareStatement("""
                    INSERT INTO inbox (consumer, event_id, ce_type)
                    SELECT 'tokens.sessions', e.id, e.type FROM unnest(?::text[], ?::text[]) AS e(id, type)
                    ON CONFLICT DO NOTHING RETURNING event_id""");
            outbox = c.prepareStatement("""
                    INSERT INTO outbox (event_id, topic, kafka_key, ce_type, ce_source, ce_subject, ce_time, payload)
                    VALUES (?, 'tokens.events.v1', ?, 'sessio.tokens.TokenDebited.v1', '/sessio/tokens', ?, ?, ?::json)""");
            outboxAll = c.prepareStatement("""
                    INSERT INTO outbox (event_id, topic, kafka_key, ce_type, ce_source, ce_subject, ce_time, payload)
                    SELECT e.id, 'tokens.events.v1', e.kafka_key, 'sessio.tokens.TokenDebited.v1', '/sessio/tokens',
                           e.subject, ?, e.payload::json
                    FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                         AS e(id, kafka_key, subject, payload, n)
                    ORDER BY e.n""");
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            c.close();
        }

        /** The batch consumer's transaction for {@code organisations.size()} RegistrationRequested records. */
        int debit(List<UUID> organisations) throws SQLException {
            int n = organisations.size();
            String[] ids = new String[n];
            String[] types = new String[n];
            List<DebitRequest> requests = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids[i] = UUID.randomUUID().toString();
                types[i] = "sessio.sessions.RegistrationRequested.v1";
                requests.add(new DebitRequest(organisations.get(i), Cause.registration(UUID.randomUUID()),
                        UUID.randomUUID()));
            }
            inbox.setArray(1, c.createArrayOf("text", ids));
            inbox.setArray(2, c.createArrayOf("text", types));
            int fresh = 0;
            try (ResultSet rs = inbox.executeQuery()) {
                while (rs.next()) {
                    fresh++;
                }
            }
            if (fresh != n) {
                throw new IllegalStateException("inbox: " + fresh + " new of " + n);
            }
            Instant now = Instant.now();
            List<LedgerStore.DebitResult> results = store.debitAll(c, requests, now);
            UUID[] eventIds = new UUID[n];
            String[] keys = new String[n];
            String[] subjects = new String[n];
            String[] payloads = new String[n];
            for (int i = 0; i < n; i++) {
                if (!(results.get(i) instanceof LedgerStore.DebitDone done)) {
                    throw new IllegalStateException("out of tokens");
                }
                DebitRequest r = requests.get(i);
                eventIds[i] = UUID.randomUUID();
                keys[i] = r.organisationId().toString();
                subjects[i] = "organisation/" + r.organisationId();
                payloads[i] = payload(r.organisationId(), done, r.cause().id());
            }
            Timestamp at = Timestamp.from(now);
            if (outboxRows.equals("oneInsert")) {
                outboxAll.setTimestamp(1, at);
                outboxAll.setArray(2, c.createArrayOf("uuid", eventIds));
                outboxAll.setArray(3, c.createArrayOf("text", keys));
                outboxAll.setArray(4, c.createArrayOf("text", subjects));
                outboxAll.setArray(5, c.createArrayOf("text", payloads));
                outboxAll.executeUpdate();
            } else {
                for (int i = 0; i < n; i++) {
                    outbox.setObject(1, eventIds[i]);
                    outbox.setString(2, keys[i]);
                    outbox.setString(3, subjects[i]);
                    outbox.setTimestamp(4, at);
                    outbox.setString(5, payloads[i]);
                    outbox.executeUpdate();
                }
            }
            c.commit();
            return n;
        }
    }

    static String payload(UUID org, LedgerStore.DebitDone done, UUID registration) {
        return "{\"organisationId\":\"" + org + "\",\"postingId\":\"" + done.posted().posting().id()
                + "\",\"registrationId\":\"" + registration + "\",\"balanceAfter\":" + done.posted().usableAfter() + "}";
    }

    static List<UUID> hot(Database db, int n) {
        return java.util.Collections.nCopies(n, db.hotOrganisation);
    }

    static List<UUID> random(Database db, int n) {
        List<UUID> orgs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            orgs.add(db.organisations.get(ThreadLocalRandom.current().nextInt(ORGANISATIONS)));
        }
        return orgs;
    }

    @Benchmark
    public boolean debitsOneOrganisation(Database db, Session session) throws SQLException {
        return session.debit(db.hotOrganisation);
    }

    @Benchmark
    public boolean debitsManyOrganisations(Database db, Session session) throws SQLException {
        return session.debit(db.organisations.get(ThreadLocalRandom.current().nextInt(ORGANISATIONS)));
    }

    @Benchmark
    @OperationsPerInvocation(SMALL_BATCH)
    public int batch50DebitsOneOrganisation(Database db, BatchSession session) throws SQLException {
        return session.debit(hot(db, SMALL_BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(LARGE_BATCH)
    public int batch200DebitsOneOrganisation(Database db, BatchSession session) throws SQLException {
        return session.debit(hot(db, LARGE_BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(SMALL_BATCH)
    public int batch50DebitsManyOrganisations(Database db, BatchSession session) throws SQLException {
        return session.debit(random(db, SMALL_BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(LARGE_BATCH)
    public int batch200DebitsManyOrganisations(Database db, BatchSession session) throws SQLException {
        return session.debit(random(db, LARGE_BATCH));
    }

    @Benchmark
    public int plainUpdateOneRow(Session session) throws SQLException {
        return session.update(1);
    }

    @Benchmark
    public int plainUpdateRandomRows(Session session) throws SQLException {
        return session.update(1 + ThreadLocalRandom.current().nextInt(ORGANISATIONS));
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmark");
        Files.createDirectories(out);
        int threads = Integer.getInteger("bench.threads", 4);
        String include = System.getProperty("bench.include", LedgerBenchmark.class.getName());
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1).threads(threads)
                .warmupIterations(1).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(5))
                .measurementIterations(3).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(5))
                .resultFormat(ResultFormatType.JSON).result(out.resolve("results.json").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        String loadAfter = loadAverage();
        double hot = score(results, "plainUpdateOneRow", null);
        double random = score(results, "plainUpdateRandomRows", null);
        StringBuilder table = new StringBuilder();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().substring(LedgerBenchmark.class.getName().length() + 1);
            String outbox = r.getParams().getParam("outboxRows");
            double score = r.getPrimaryResult().getScore();
            table.append(String.format(Locale.ROOT, "| %s%s | %.0f | ± %.0f | %.2f | %.2f |%n", name,
                    outbox == null ? "" : " (outbox: " + outbox + ")", score, r.getPrimaryResult().getScoreError(),
                    score / hot, score / random));
        }
        StringBuilder ratios = new StringBuilder();
        for (String outbox : List.of("insertPerEvent", "oneInsert")) {
            for (int batch : List.of(SMALL_BATCH, LARGE_BATCH)) {
                double one = score(results, "batch" + batch + "DebitsOneOrganisation", outbox);
                double many = score(results, "batch" + batch + "DebitsManyOrganisations", outbox);
                ratios.append(String.format(Locale.ROOT, "* batch of %d, outbox %s: one organisation %.2f ×, "
                        + "%d organisations %.2f × the plain single-row UPDATE (%.2f × the random-row UPDATE)%n",
                        batch, outbox, one / hot, ORGANISATIONS, many / hot, many / random));
            }
        }
        String summary = String.format(Locale.ROOT, """
                # tokens-service ledger benchmark (JMH, %d threads, %d cores)

                Started %s, finished %s. Load average (1 min, /proc/loadavg): %s at the start, %s at the end.
                Scores are debits per second (batch benchmarks: per debit, not per batch) and UPDATEs per second.

                | benchmark | ops/s | error (99.9 %%) | × plain UPDATE one row | × plain UPDATE random rows |
                |---|---|---|---|---|
                %s
                The issue's ratio, batch debits / plain single-row UPDATE (same server, same run):

                %s
                Single debit (one transaction per record, before batching): one organisation %.2f ×, many %.2f × the \
                single-row UPDATE.
                """, threads, Runtime.getRuntime().availableProcessors(), started, Instant.now(), loadBefore, loadAfter,
                table, ratios, score(results, "debitsOneOrganisation", null) / hot,
                score(results, "debitsManyOrganisations", null) / hot);
        Files.writeString(out.resolve("RESULTS.md"), summary);
        System.out.println(summary);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double score(Collection<RunResult> results, String name, String outbox) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + name))
                .filter(r -> outbox == null || outbox.equals(r.getParams().getParam("outboxRows")))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst().orElse(Double.NaN);
    }
}
