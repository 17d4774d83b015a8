package dev.sessio.tokens.domain;

import dev.sessio.events.tokens.TokensExpiring;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.tokens.config.TokensConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes off expired lots ({@code TokensExpired}) and warns ahead of expiry ({@code TokensExpiring}). Safe with
 * several replicas running it at once: a write-off re-checks the lot under the organisation's lock (a second
 * replica finds nothing left), and a warning is claimed by setting {@code expiring_notified_at} in the same
 * transaction that records the event.
 */
@ApplicationScoped
public class ExpiryJob {

    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);
    private static final int BATCH = 200;

    public record Run(int lotsExpired, int tokensExpired, int warningsSent) {
    }

    private final TokenLedger ledger;
    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final TokensConfig config;

    public ExpiryJob(TokenLedger ledger, DataSource dataSource, Outbox outbox, Clock clock, TokensConfig config) {
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "tokens-expiry", every = "${tokens.expiry.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Run run = run(clock.instant());
        if (run.lotsExpired() > 0 || run.warningsSent() > 0) {
            LOG.infof("expiry: %d lots (%d tokens) written off, %d warnings", run.lotsExpired(), run.tokensExpired(),
                    run.warningsSent());
        }
    }

    /** Everything due at {@code now}; each lot in its own transaction so one failure never blocks the others. */
    public Run run(Instant now) {
        int lots = 0;
        int tokens = 0;
        List<UUID> due = ledger.lotsDue(now, BATCH);
        while (!due.isEmpty()) {
            for (UUID lot : due) {
                try {
                    var posted = QuarkusTransaction.requiringNew().call(() -> ledger.expireLot(lot, now));
                    if (posted.isPresent()) {
                        lots++;
                        tokens += -posted.get().posting().quantity();
                    }
                } catch (RuntimeException e) {
                    LOG.warnf("expiry of lot %s failed, next run retries: %s", lot, e.getMessage());
                }
            }
            List<UUID> next = ledger.lotsDue(now, BATCH);
            if (next.equals(due)) {
                break;   // the same lots keep failing: leave them to the next run
            }
            due = next;
        }
        return new Run(lots, tokens, warnExpiring(now));
    }

    private int warnExpiring(Instant now) {
        int warned = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> warnBatch(now));
            warned += batch;
        } while (batch == BATCH);
        return warned;
    }

    private int warnBatch(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement claim = c.prepareStatement("""
                     UPDATE token_lot SET expiring_notified_at = ?
                     WHERE id IN (SELECT id FROM token_lot
                                  WHERE remaining > 0 AND expiring_notified_at IS NULL AND expires_at > ? AND expires_at <= ?
                                  ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                     RETURNING organisation_id, remaining, expires_at""")) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setTimestamp(2, Timestamp.from(now));
            claim.setTimestamp(3, Timestamp.from(now.plus(config.expiry().warnBefore())));
            claim.setInt(4, BATCH);
            int count = 0;
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    UUID org = rs.getObject(1, UUID.class);
                    outbox.record(new TokensExpiring(org, rs.getInt(2), rs.getTimestamp(3).toInstant()), org,
                            "organisation/" + org);
                    count++;
                }
            }
            return count;
        }
    }
}
