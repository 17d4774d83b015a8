package dev.sessio.systemtests.faults;

import dev.sessio.systemtests.Platform;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Read-only looks into the services' own databases, to check invariants the API does not show. */
final class Databases {

    static final int PORT = LocalPlatform.port(5433);

    private Databases() {
    }

    /** A connection as the database's own user (user = database name, password from secrets.env). */
    static Connection open(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORT + "/" + database, database,
                Platform.secret("SESSIO_DB_" + database.toUpperCase(Locale.ROOT) + "_PASSWORD"));
    }

    /** The superuser, on the {@code postgres} database (to take one service's database away). */
    static Connection superuser() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORT + "/postgres", "postgres",
                Platform.secret("SESSIO_PG_SUPERUSER_PASSWORD"));
    }

    /** Rows of a query, each mapped while the result set is open. */
    static <T> List<T> query(String database, String sql, Function<ResultSet, T> row, Object... parameters) {
        try (Connection c = open(database); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p instanceof Object[] array) {
                    statement.setArray(i + 1, c.createArrayOf(array instanceof java.util.UUID[] ? "uuid" : "text", array));
                } else {
                    statement.setObject(i + 1, p);
                }
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.apply(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": " + sql, e);
        }
    }

    static long count(String database, String sql, Object... parameters) {
        return query(database, sql, rs -> {
            try {
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, parameters).getFirst();
    }

    static String string(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
