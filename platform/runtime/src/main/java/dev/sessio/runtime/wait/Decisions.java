package dev.sessio.runtime.wait;

import dev.sessio.runtime.config.PlatformConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a request wait for a decision taken elsewhere (another thread, another replica) without holding a thread or
 * a database connection: the deciding transaction {@link #announce}s it with {@code pg_notify}, which PostgreSQL
 * delivers at commit to every replica's one listening connection; {@link #await} is a {@link Uni} completed from
 * there, or empty after the timeout. A decision that lands just before its waiter registers is kept for a while,
 * so the order of the two never matters.
 */
@ApplicationScoped
public class Decisions {

    private static final Logger LOG = Logger.getLogger(Decisions.class);
    static final String CHANNEL = "sessio_decisions";
    private static final int RECENT_CAPACITY = 20_000;
    private static final long RECENT_NANOS = Duration.ofSeconds(60).toNanos();

    private record Recent(String outcome, long at) {
    }

    /** The requests waiting on one key: they share the decision; the last one to give up removes the entry. */
    private static final class Waiters {
        final CompletableFuture<String> decided = new CompletableFuture<>();
        int count;
    }

    private final DataSource dataSource;
    private final PlatformConfig config;
    private final Map<String, Waiters> waiting = new ConcurrentHashMap<>();
    private final Map<String, Recent> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recent> eldest) {
            return size() > RECENT_CAPACITY;
        }
    };
    private volatile boolean running;
    private Thread listener;

    public Decisions(DataSource dataSource, PlatformConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.decisions().listen()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** Publishes {@code key}'s outcome when the current transaction commits; nothing if it rolls back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(String key, String outcome) {
        if (key.contains(" ")) {
            throw new IllegalArgumentException("a decision key has no space: " + key);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, key + " " + outcome);
            notify.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot announce decision " + key, e);
        }
    }

    /**
     * The outcome of {@code key} once announced, or empty when {@code timeout} passes first. Holds nothing while it
     * waits: a map entry and a timer.
     */
    public Uni<Optional<String>> await(String key, Duration timeout) {
        Optional<String> known = recentOutcome(key);
        if (known.isPresent() || timeout.isZero() || timeout.isNegative()) {
            return Uni.createFrom().item(known);
        }
        Waiters waiters = waiting.compute(key, (k, present) -> {
            Waiters w = present != null ? present : new Waiters();
            w.count++;
            return w;
        });
        // Announced between the first look and the registration: the listener found no waiter, so look again.
        recentOutcome(key).ifPresent(outcome -> complete(key, outcome));
        return Uni.createFrom().completionStage(waiters.decided.copy())
                .map(Optional::of)
                .ifNoItem().after(timeout).recoverWithItem(Optional.empty())
                .onTermination().invoke(() -> waiting.computeIfPresent(key,
                        (k, present) -> present == waiters && --present.count == 0 ? null : present));
    }

    /** Starts the listening connection (sessions-service does at startup: {@code sessio.decisions.listen=true}). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        listener = Thread.ofPlatform().name("decision-listener").daemon().start(this::listen);
    }

    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            listener = null;
        }
    }

    /** Keys with requests waiting on them now (tests). */
    public int waiting() {
        return waiting.size();
    }

    private void listen() {
        Connection connection = null;
        long pause = 200;
        while (running) {
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                    connection.setAutoCommit(true);
                    try (Statement listen = connection.createStatement()) {
                        listen.execute("LISTEN " + CHANNEL);
                    }
                    pause = 200;
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(500);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        received(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // Waiters left without their announcement answer at their timeout, as if undecided: never wrong.
                LOG.warnf("decision listener reconnecting in %d ms: %s", pause, e.getMessage());
                close(connection);
                connection = null;
                sleep(pause);
                pause = Math.min(5_000, pause * 2);
            }
        }
        close(connection);
    }

    private void received(String payload) {
        int space = payload.indexOf(' ');
        if (space <= 0) {
            return;
        }
        String key = payload.substring(0, space);
        String outcome = payload.substring(space + 1);
        synchronized (recent) {
            recent.put(key, new Recent(outcome, System.nanoTime()));
        }
        complete(key, outcome);
    }

    private void complete(String key, String outcome) {
        Waiters waiters = waiting.remove(key);
        if (waiters != null) {
            waiters.decided.complete(outcome);
        }
    }

    private Optional<String> recentOutcome(String key) {
        synchronized (recent) {
            Recent known = recent.get(key);
            return known != null && System.nanoTime() - known.at() < RECENT_NANOS
                    ? Optional.of(known.outcome()) : Optional.empty();
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection is dropped either way
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
