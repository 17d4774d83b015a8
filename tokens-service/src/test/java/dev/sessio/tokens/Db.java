package dev.sessio.tokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Reads the service's database directly, to check what an answer or an event left behind. */
public final class Db {

    private Db() {
    }

    public static long count(String sql, Object... args) {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection();
             PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String string(String sql, Object... args) {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection();
             PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql, Object... args) {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection();
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.execute();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Outbox rows of one type for one organisation (what will be published on tokens.events.v1). */
    public static long outbox(String ceType, Object key) {
        return count("SELECT count(*) FROM outbox WHERE ce_type = ? AND kafka_key = ?", "sessio.tokens." + ceType + ".v1",
                key.toString());
    }

    /** The ledger's three views of an organisation agree: account balance, sum of postings, sum of lots. */
    public static long[] balances(Object org) {
        return new long[]{
                count("SELECT coalesce(sum(balance), 0) FROM token_account WHERE organisation_id = ?", org),
                count("SELECT coalesce(sum(quantity), 0) FROM posting WHERE organisation_id = ?", org),
                count("SELECT coalesce(sum(remaining), 0) FROM token_lot WHERE organisation_id = ?", org)};
    }
}
