package dev.sessio.runtime.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.events.EventTypes;
import dev.sessio.runtime.config.PlatformConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies each event once per consumer: the {@code (consumer, event id)} row and the side effect commit in one
 * transaction, so a redelivered event changes nothing. Consumers hand over a poll's records at once
 * ({@link #handleBatch}: one transaction per batch); a batch that fails is applied record by record, transient
 * failures are retried a few times, and a record that still fails goes alone to the channel's dead-letter topic
 * (with the reason in its headers) while the others are applied. A failure while the database is unreachable is
 * not the record's: the record is held (and retried) until the database answers again. Offsets are committed only
 * after this returns.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    /**
     * The worker pool every consumer runs on ({@code @Blocking(Inbox.CONSUMER_POOL)}): its own threads, so blocking
     * HTTP work on the default worker pool can never starve the consumers (and the saga) at peak.
     */
    public static final String CONSUMER_POOL = "sessio-consumers";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final PlatformConfig config;
    private final DeadLetters deadLetters;

    public Inbox(DataSource dataSource, ObjectMapper json, PlatformConfig config, DeadLetters deadLetters) {
        this.dataSource = dataSource;
        this.json = json;
        this.config = config;
        this.deadLetters = deadLetters;
    }

    /**
     * Handles a poll's records in <b>one</b> transaction: one inbox statement for the whole batch, then each new
     * event's handler in record order (Kafka keeps the order per partition, so per key). One commit per batch
     * instead of one per record is what lets a consumer keep up at peak. When the batch fails, its records are
     * applied one by one ({@link #handle(String, IncomingEvent, Consumer)}: retries, the database hold), and a
     * record that still fails is sent to the channel's dead-letter topic here, so the others are not; the batch
     * is acknowledged only after this returns.
     *
     * @param consumer a stable name for this consumer, e.g. {@code tokens.registrations}
     * @param channel  the {@code @Incoming} channel, whose {@code dead-letter-queue.topic} takes failed records
     */
    public void handleBatch(String consumer, String channel, Iterable<? extends ConsumerRecord<?, ?>> records,
                            Map<Class<?>, Consumer<IncomingEvent>> handlers) {
        handleBatch(consumer, channel, records, handlers.keySet(), events -> events.forEach(event ->
                EventTypes.byCeType(event.type()).map(handlers::get).orElseThrow().accept(event)));
    }

    /**
     * The same, for a consumer that applies a batch's events together (e.g. one ledger statement for a batch's
     * debits): {@code apply} gets the batch's new events of the given types, in record order, in the batch's
     * transaction; when the batch is applied record by record, it gets one event at a time.
     */
    public void handleBatch(String consumer, String channel, Iterable<? extends ConsumerRecord<?, ?>> records,
                            Set<Class<?>> types, Consumer<List<IncomingEvent>> apply) {
        List<ConsumerRecord<?, ?>> all = new ArrayList<>();
        records.forEach(all::add);
        if (all.isEmpty()) {
            return;
        }
        try {
            applyBatch(consumer, all, types, apply);
            return;
        } catch (RuntimeException e) {
            LOG.debugf("%s: batch of %d failed (%s); applying its records one by one", consumer, all.size(),
                    e.getMessage());
        }
        for (ConsumerRecord<?, ?> record : all) {
            try {
                IncomingEvent event = IncomingEvent.from(record, json);
                if (EventTypes.byCeType(event.type()).filter(types::contains).isPresent()) {
                    handle(consumer, event, one -> apply.accept(List.of(one)));
                }
            } catch (RuntimeException e) {
                deadLetters.send(channel, record, e);
            }
        }
    }

    private void applyBatch(String consumer, List<ConsumerRecord<?, ?>> records, Set<Class<?>> types,
                            Consumer<List<IncomingEvent>> apply) {
        List<IncomingEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<?, ?> record : records) {
            IncomingEvent event = IncomingEvent.from(record, json);   // a poison envelope fails the batch
            if (EventTypes.byCeType(event.type()).filter(types::contains).isPresent()) {
                events.add(event);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Set<String> fresh = firstDeliveries(consumer, events);
            Set<String> applied = new HashSet<>();
            List<IncomingEvent> toApply = new ArrayList<>(fresh.size());
            for (IncomingEvent event : events) {
                // A batch may carry one event twice (a re-send of the relay): the first copy counts.
                if (fresh.contains(event.id()) && applied.add(event.id())) {
                    toApply.add(event);
                }
            }
            if (!toApply.isEmpty()) {
                apply.accept(toApply);
            }
        });
    }

    /** Records every event of the batch in one statement; returns the ids not seen before by this consumer. */
    private Set<String> firstDeliveries(String consumer, List<IncomingEvent> events) {
        String[] ids = events.stream().map(IncomingEvent::id).toArray(String[]::new);
        String[] types = events.stream().map(IncomingEvent::type).toArray(String[]::new);
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO inbox (consumer, event_id, ce_type)
                     SELECT ?, e.id, e.type FROM unnest(?::text[], ?::text[]) AS e(id, type)
                     ON CONFLICT DO NOTHING RETURNING event_id""")) {
            Array idArray = c.createArrayOf("text", ids);
            Array typeArray = c.createArrayOf("text", types);
            insert.setString(1, consumer);
            insert.setArray(2, idArray);
            insert.setArray(3, typeArray);
            Set<String> fresh = new HashSet<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox unavailable", e);
        }
    }

    /** Applies {@code handler} once for this event id, retrying transient failures. */
    public void handle(String consumer, IncomingEvent event, Consumer<IncomingEvent> handler) {
        int attempts = Math.max(1, config.inbox().attempts());
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (firstDelivery(consumer, event)) {
                        handler.accept(event);
                    } else {
                        LOG.debugf("%s already applied %s: skipped", consumer, event);
                    }
                });
                return;
            } catch (PoisonEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!databaseReachable()) {
                    // Not the record's fault: dead-lettering it would lose it. Hold it until the database is back.
                    awaitDatabase(consumer, event, e);
                    attempt = 0;
                    continue;
                }
                if (attempt >= attempts) {
                    throw e;
                }
                LOG.warnf("%s failed on %s (attempt %d of %d): %s", consumer, event, attempt, attempts, e.getMessage());
                sleep(100L * attempt);
            }
        }
    }

    /** Records the event for this consumer in the current transaction; false when it was already there. */
    private boolean firstDelivery(String consumer, IncomingEvent event) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO inbox (consumer, event_id, ce_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, event.id());
            insert.setString(3, event.type());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox unavailable", e);
        }
    }

    private boolean databaseReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Blocks this consumer (its offset stays uncommitted) until the database answers again. */
    private void awaitDatabase(String consumer, IncomingEvent event, RuntimeException cause) {
        LOG.warnf("%s holds %s until the database is reachable again: %s", consumer, event, cause.getMessage());
        long pause = 200;
        while (!databaseReachable()) {
            sleep(pause);
            if (Thread.currentThread().isInterrupted()) {
                throw cause;
            }
            pause = Math.min(5_000, pause * 2);
        }
        LOG.infof("%s: database reachable again, retrying %s", consumer, event);
    }

    @Scheduled(every = "${sessio.inbox.prune-every:6h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement delete = c.prepareStatement(
                         "DELETE FROM inbox WHERE received_at < now() - make_interval(secs => ?)")) {
                delete.setDouble(1, config.inbox().retention().toSeconds());
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
