package dev.sessio.systemtests.load;

import dev.sessio.systemtests.Platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/** A read-only connection to one service's own database (user = database, password from secrets.env). */
class ServiceDatabase implements AutoCloseable {

    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;

    ServiceDatabase(String database) {
        try {
            connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + LoadEnvironment.POSTGRES_PORT
                    + "/" + database, database, Platform.secret("SESSIO_DB_" + database.toUpperCase() + "_PASSWORD"));
            connection.setReadOnly(true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the " + database + " database", e);
        }
    }

    /** Runs {@code sql} whose one parameter is an array of UUIDs. */
    void query(String sql, Collection<UUID> ids, Row row) {
        query(sql, "uuid", ids, row);
    }

    /** Runs {@code sql} whose one parameter is an array of {@code values} (SQL type {@code arrayType}). */
    void query(String sql, String arrayType, Collection<?> values, Row row) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf(arrayType, values.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // read-only connection
        }
    }
}
