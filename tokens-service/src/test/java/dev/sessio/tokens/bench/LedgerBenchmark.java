package dev.sessio.tokens.bench;

import dev.sessio.testing.PostgresServer;
import dev.sessio.tokens.domain.ledger.Cause;
import dev.sessio.tokens.domain.ledger.LedgerStore;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 * A debit here is the whole transaction the registration saga commits: the inbox row, the ledger debit
 * ({@link LedgerStore}, the very statements the service runs) and the outbox row of TokenDebited.
 * <pre>
 * ./mvnw -q -pl tokens-service test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -cp tokens-service/target/test-classes:tokens-service/target/classes:$(cat tokens-service/target/bench.cp) \
 *      dev.sessio.tokens.bench.LedgerBenchmark tokens-service/benchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerBenchmark {

    static final int ORGANISATIONS = 1_000;
    static final int TOKENS_PER_ORG = 10_000_000;

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
            LedgerStore.DebitResult result = store.debit(c, org, Cause.registration(registration), UUID.randomUUID(), now);
            if (!(result instanceof LedgerStore.DebitDone done)) {
                throw new IllegalStateException("out of tokens");
            }
            outbox.setObject(1, UUID.randomUUID());
            outbox.setString(2, org.toString());
            outbox.setString(3, "organisation/" + org);
            outbox.setTimestamp(4, Timestamp.from(now));
            outbox.setString(5, "{\"organisationId\":\"" + org + "\",\"postingId\":\"" + done.posted().posting().id()
                    + "\",\"registrationId\":\"" + registration + "\",\"balanceAfter\":" + done.posted().usableAfter() + "}");
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

    @Benchmark
    public boolean debitsOneOrganisation(Database db, Session session) throws SQLException {
        return session.debit(db.hotOrganisation);
    }

    @Benchmark
    public boolean debitsManyOrganisations(Database db, Session session) throws SQLException {
        return session.debit(db.organisations.get(ThreadLocalRandom.current().nextInt(ORGANISATIONS)));
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
        Options options = new OptionsBuilder()
                .include(LedgerBenchmark.class.getName())
                .forks(1).threads(threads)
                .warmupIterations(1).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(5))
                .measurementIterations(3).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(5))
                .resultFormat(ResultFormatType.JSON).result(out.resolve("results.json").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double one = score(results, "debitsOneOrganisation");
        double many = score(results, "debitsManyOrganisations");
        double hot = score(results, "plainUpdateOneRow");
        double random = score(results, "plainUpdateRandomRows");
        String summary = String.format(Locale.ROOT, """
                # tokens-service ledger benchmark (JMH, %d threads, %s, %d cores)

                | benchmark | ops/s |
                |---|---|
                | debit, one organisation (hot account row) | %.0f |
                | debit, %d organisations at random | %.0f |
                | plain UPDATE of one row | %.0f |
                | plain UPDATE of random rows | %.0f |

                * one organisation: %.2f × the plain single-row UPDATE rate
                * many organisations: %.2f × the plain random-row UPDATE rate, %.2f × the single-row rate
                """, threads, Instant.now(), Runtime.getRuntime().availableProcessors(), one, ORGANISATIONS, many, hot,
                random, one / hot, many / random, many / hot);
        Files.writeString(out.resolve("RESULTS.md"), summary);
        System.out.println(summary);
    }

    private static double score(Collection<RunResult> results, String name) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + name))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst().orElse(Double.NaN);
    }
}
