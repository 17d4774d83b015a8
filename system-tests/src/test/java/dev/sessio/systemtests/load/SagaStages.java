package dev.sessio.systemtests.load;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a confirmed registration's saga time goes, from the timestamps the two services write anyway (read only):
 * sessions' outbox row of {@code RegistrationRequested} (sent by the relay), tokens' inbox row for it (written when
 * the debit's transaction starts), tokens' outbox row of {@code TokenDebited}, sessions' inbox row for that, and the
 * registration's {@code decided_at}. Inbox rows carry PostgreSQL's {@code now()} (the transaction's start), the rest
 * the services' clocks: all on one machine here.
 */
final class SagaStages {

    static final List<String> STAGES = List.of(
            "sessions relay: requested → RegistrationRequested published",
            "Kafka → tokens: published → debit transaction starts",
            "tokens: debit + relay → TokenDebited published",
            "Kafka → sessions: published → confirmation transaction starts",
            "sessions: confirmation committed (decided_at)");

    private SagaStages() {
    }

    private record SessionsSide(Timestamp requested, UUID requestEvent, Timestamp requestSent, Timestamp decided) {
    }

    /** Stage → latency summary (ms) over the confirmed registrations among {@code ids} with every timestamp found. */
    static Map<String, Object> of(Collection<UUID> ids, ServiceDatabase sessionsDb, ServiceDatabase tokensDb) {
        Map<UUID, SessionsSide> sessions = new HashMap<>();
        Map<UUID, Timestamp> debitStarted = new HashMap<>();
        Map<UUID, UUID> debitEvent = new HashMap<>();
        Map<UUID, Timestamp> debitSent = new HashMap<>();
        Map<UUID, Timestamp> confirmationStarted = new HashMap<>();
        sessionsDb.query("""
                SELECT r.id, r.requested_at, o.event_id, o.sent_at, r.decided_at
                FROM registration r
                JOIN outbox o ON o.ce_type LIKE '%RegistrationRequested%' AND o.payload->>'registrationId' = r.id::text
                WHERE r.id = ANY(?) AND r.status = 'CONFIRMED'""", ids, rs -> sessions.put((UUID) rs.getObject(1),
                new SessionsSide(rs.getTimestamp(2), (UUID) rs.getObject(3), rs.getTimestamp(4), rs.getTimestamp(5))));
        Map<String, UUID> byRequestEvent = new HashMap<>();
        sessions.forEach((id, s) -> byRequestEvent.put(s.requestEvent().toString(), id));
        tokensDb.query("SELECT event_id, received_at FROM inbox WHERE event_id = ANY(?)", "text", byRequestEvent.keySet(),
                rs -> debitStarted.put(byRequestEvent.get(rs.getString(1)), rs.getTimestamp(2)));
        tokensDb.query("""
                SELECT (payload->>'registrationId')::uuid, event_id, sent_at FROM outbox
                WHERE ce_type LIKE '%TokenDebited%' AND (payload->>'registrationId')::uuid = ANY(?)""", ids, rs -> {
            debitEvent.put((UUID) rs.getObject(1), (UUID) rs.getObject(2));
            debitSent.put((UUID) rs.getObject(1), rs.getTimestamp(3));
        });
        Map<String, UUID> byDebitEvent = new HashMap<>();
        debitEvent.forEach((registration, event) -> byDebitEvent.put(event.toString(), registration));
        sessionsDb.query("SELECT event_id, received_at FROM inbox WHERE event_id = ANY(?)", "text", byDebitEvent.keySet(),
                rs -> confirmationStarted.put(byDebitEvent.get(rs.getString(1)), rs.getTimestamp(2)));
        List<List<Double>> samples = new ArrayList<>();
        STAGES.forEach(s -> samples.add(new ArrayList<>()));
        sessions.forEach((id, s) -> {
            Timestamp[] points = {s.requested(), s.requestSent(), debitStarted.get(id), debitSent.get(id),
                    confirmationStarted.get(id), s.decided()};
            for (Timestamp point : points) {
                if (point == null) {
                    return;
                }
            }
            for (int i = 0; i < STAGES.size(); i++) {
                samples.get(i).add((points[i + 1].getTime() - points[i].getTime()) * 1.0
                        + (points[i + 1].getNanos() % 1_000_000 - points[i].getNanos() % 1_000_000) / 1e6);
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < STAGES.size(); i++) {
            out.put(STAGES.get(i), Latencies.summarise(samples.get(i), 0, 0));
        }
        return out;
    }
}
