package dev.sessio.systemtests.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads sessions-service's own database (read only): the exact saga time of each registration
 * ({@code decided_at − requested_at}, both written by the service), what is still PENDING, and the token balance
 * sessions-service believes each organisation has.
 */
final class SessionsDatabase extends ServiceDatabase {

    SessionsDatabase() {
        super("sessions");
    }

    /** Milliseconds from requested to decided, for the decided registrations among {@code ids}. */
    List<Double> sagaMillis(Collection<UUID> ids) {
        List<Double> millis = new ArrayList<>();
        query("SELECT EXTRACT(EPOCH FROM (decided_at - requested_at)) * 1000 FROM registration "
                + "WHERE id = ANY(?) AND status = 'CONFIRMED' AND decided_at IS NOT NULL", ids, rs -> millis.add(rs.getDouble(1)));
        return millis;
    }

    long pending(Collection<UUID> sessionIds) {
        long[] count = {0};
        query("SELECT count(*) FROM registration WHERE session_id = ANY(?) AND status = 'PENDING'", sessionIds,
                rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    /** organisation → status → count, for the registrations to these sessions. */
    Map<UUID, Map<String, Long>> statusesByOrganisation(Collection<UUID> sessionIds) {
        Map<UUID, Map<String, Long>> out = new HashMap<>();
        query("SELECT organisation_id, status, count(*) FROM registration WHERE session_id = ANY(?) "
                + "GROUP BY organisation_id, status", sessionIds,
                rs -> out.computeIfAbsent((UUID) rs.getObject(1), o -> new HashMap<>()).put(rs.getString(2), rs.getLong(3)));
        return out;
    }

    /** sessions-service's projection of each organisation's token balance. */
    Map<UUID, Integer> knownBalances(Collection<UUID> organisationIds) {
        Map<UUID, Integer> out = new HashMap<>();
        query("SELECT organisation_id, balance FROM organisation_balance WHERE organisation_id = ANY(?)", organisationIds,
                rs -> out.put((UUID) rs.getObject(1), rs.getInt(2)));
        return out;
    }
}
