package dev.sessio.runtime.outbox;

import dev.sessio.runtime.config.PlatformConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the {@link OutboxPublisher} in a loop on its own thread: drains what is pending, then sleeps until a
 * {@code NOTIFY sessio_outbox} (sent by the insert trigger at commit) or the poll interval, whichever first.
 * On shutdown it finishes the batch in flight before the producer closes.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxPublisher publisher;
    private final OutboxProducer producer;
    private final DataSource dataSource;
    private final PlatformConfig config;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private Connection listener;

    public OutboxRelay(OutboxPublisher publisher, OutboxProducer producer, DataSource dataSource,
                       PlatformConfig config, MeterRegistry registry) {
        this.publisher = publisher;
        this.producer = producer;
        this.dataSource = dataSource;
        this.config = config;
        registry.gauge("sessio.outbox.published", published);
    }

    void onStart(@Observes @Priority(5000) StartupEvent event) {
        if (config.outbox().relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    /** Stops after the batch in flight; used at shutdown and by tests that drive the publisher themselves. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        closeListener();
    }

    public long published() {
        return published.get();
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            try {
                int count = publisher.publishPending();
                published.addAndGet(count);
                backoff = 0;
                if (count < config.outbox().batchSize()) {
                    awaitWakeUp(config.outbox().pollInterval().toMillis());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // Broker or database unavailable: nothing was marked, so the rows go out on a later try.
                backoff = Math.min(5_000, backoff == 0 ? 200 : backoff * 2);
                LOG.warnf("Outbox relay could not publish (retrying in %d ms): %s", backoff, rootMessage(e));
                producer.reset();
                closeListener();
                sleep(backoff);
            }
        }
    }

    private void awaitWakeUp(long millis) {
        try {
            if (listener == null) {
                listener = dataSource.getConnection();
                listener.setAutoCommit(true);
                try (Statement listen = listener.createStatement()) {
                    listen.execute("LISTEN sessio_outbox");
                }
            }
            listener.unwrap(PGConnection.class).getNotifications((int) Math.max(1, millis));
        } catch (SQLException e) {
            closeListener();
            sleep(millis);
        }
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (SQLException ignored) {
                // a broken connection is dropped either way
            }
            listener = null;
        }
    }

    @Scheduled(every = "${sessio.outbox.prune-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        int pruned = publisher.prune();
        if (pruned > 0) {
            LOG.debugf("Pruned %d sent outbox rows", pruned);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
