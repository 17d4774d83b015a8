package dev.sessio.runtime.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.runtime.config.PlatformConfig;
import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code idempotency_key} table: claimed keys, their first answers, expiry after the configured TTL. */
@ApplicationScoped
public class IdempotencyStore {

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final PlatformConfig config;

    public IdempotencyStore(DataSource dataSource, ObjectMapper json, PlatformConfig config) {
        this.dataSource = dataSource;
        this.json = json;
        this.config = config;
    }

    /**
     * Inserts the key's row or, when it exists, returns it. A concurrent insert of the same key blocks on the
     * unique index until the first transaction ends: then the stored answer is there (or the row is gone).
     */
    Optional<Stored> claim(String caller, String key, String fingerprint) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement expire = c.prepareStatement("""
                    DELETE FROM idempotency_key WHERE caller = ? AND idempotency_key = ?
                    AND created_at < now() - make_interval(secs => ?)""")) {
                expire.setString(1, caller);
                expire.setString(2, key);
                expire.setDouble(3, config.idempotency().ttl().toSeconds());
                expire.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO idempotency_key (caller, idempotency_key, fingerprint, status)
                    VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING""")) {
                insert.setString(1, caller);
                insert.setString(2, key);
                insert.setString(3, fingerprint);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT fingerprint, status, body, location FROM idempotency_key
                    WHERE caller = ? AND idempotency_key = ?""")) {
                select.setString(1, caller);
                select.setString(2, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.conflict("idempotency-key-in-flight", "Request in progress",
                                "A request with this Idempotency-Key is still being processed; retry shortly");
                    }
                    return Optional.of(new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
    }

    void save(String caller, String key, Response response) throws Exception {
        String body = response.hasEntity() ? json.writeValueAsString(response.getEntity()) : null;
        URI location = response.getLocation();
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("""
                     UPDATE idempotency_key SET status = ?, body = ?, location = ?
                     WHERE caller = ? AND idempotency_key = ?""")) {
            update.setInt(1, response.getStatus());
            update.setString(2, body);
            update.setString(3, location == null ? null : location.toString());
            update.setString(4, caller);
            update.setString(5, key);
            update.executeUpdate();
        }
    }

    @Scheduled(every = "${sessio.idempotency.prune-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement delete = c.prepareStatement(
                         "DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)")) {
                delete.setDouble(1, config.idempotency().ttl().toSeconds());
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    record Stored(String fingerprint, int status, String body, String location) {

        Response replay() {
            Response.ResponseBuilder builder = Response.status(status).header(IdempotencyInterceptor.REPLAYED_HEADER, "true");
            if (body != null) {
                builder.type("application/json").entity(body);
            }
            if (location != null) {
                builder.location(URI.create(location));
            }
            return builder.build();
        }
    }
}
