package dev.sessio.systemtests.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * What must hold once the load is over, checked through the APIs (straight on the services, as ops and as each
 * organisation) and against sessions-service's database:
 * <ul>
 *   <li>no registration of the run's webinars is still PENDING (after the saga had time to drain);</li>
 *   <li>every organisation's balance (tokens-service) = tokens granted − its confirmed registrations;</li>
 *   <li>the registrations an organisation sees through the API are the ones in the database;</li>
 *   <li>no registration was rejected (every organisation had tokens enough);</li>
 *   <li>sessions-service's known balance has caught up with tokens-service's.</li>
 * </ul>
 */
final class LoadInvariants {

    private static final Duration DRAIN = Duration.ofSeconds(LoadEnvironment.intSetting("drain-seconds", 120));

    private final SessionsDatabase database;
    private final LoadOrganisations organisations;
    private final List<UUID> sessions;
    private final int granted;
    private final List<String> violations = new ArrayList<>();

    LoadInvariants(SessionsDatabase database, LoadOrganisations organisations, List<UUID> sessions, int granted) {
        this.database = database;
        this.organisations = organisations;
        this.sessions = sessions;
        this.granted = granted;
    }

    List<String> violations() {
        return violations;
    }

    Map<String, Object> check() {
        Map<String, Object> out = new LinkedHashMap<>();
        long drainStart = System.nanoTime();
        boolean drained = waitFor(() -> database.pending(sessions) == 0);
        long pending = database.pending(sessions);
        out.put("pendingLeft", pending);
        out.put("secondsToDrain", Latencies.round((System.nanoTime() - drainStart) / 1e9));
        if (!drained) {
            violations.add(pending + " registrations still PENDING " + DRAIN.toSeconds() + " s after the load");
        }

        Map<UUID, Map<String, Long>> inDatabase = database.statusesByOrganisation(sessions);
        String ops = LoadCatalogue.opsBearer();
        List<String> balanceErrors = LoadOrganisations.parallel(organisations.all().size(), 4, i -> {
            LoadOrganisations.Organisation organisation = organisations.get(i);
            int available = JsonHttp.get(LoadEnvironment.TOKENS_SERVICE + "/api/tokens/balance?organisationId="
                    + organisation.id(), ops).expect(200).json().get("available").asInt();
            JsonNode mine = JsonHttp.get(LoadEnvironment.SESSIONS_SERVICE + "/api/registrations?when=upcoming&size=100",
                    organisations.bearer(i)).expect(200).json();
            long confirmed = 0;
            long pendingSeen = 0;
            for (JsonNode r : mine.get("items")) {
                if (sessions.contains(UUID.fromString(r.get("session").get("id").asText()))) {
                    confirmed += "CONFIRMED".equals(r.get("status").asText()) ? 1 : 0;
                    pendingSeen += "PENDING".equals(r.get("status").asText()) ? 1 : 0;
                }
            }
            long confirmedInDatabase = inDatabase.getOrDefault(organisation.id(), Map.of()).getOrDefault("CONFIRMED", 0L);
            List<String> errors = new ArrayList<>();
            if (available != granted - confirmed) {
                errors.add(organisation.username() + ": balance " + available + " ≠ " + granted + " granted − "
                        + confirmed + " confirmed");
            }
            if (confirmed != confirmedInDatabase) {
                errors.add(organisation.username() + ": " + confirmed + " confirmed through the API, "
                        + confirmedInDatabase + " in the database");
            }
            if (pendingSeen > 0) {
                errors.add(organisation.username() + ": " + pendingSeen + " PENDING through the API");
            }
            return String.join("; ", errors);
        }).stream().filter(e -> !e.isEmpty()).toList();
        out.put("organisationsChecked", organisations.all().size());
        out.put("balanceMismatches", balanceErrors.size());
        balanceErrors.stream().limit(20).forEach(violations::add);
        if (balanceErrors.size() > 20) {
            violations.add("… and " + (balanceErrors.size() - 20) + " more organisations");
        }

        Map<String, Long> totals = new LinkedHashMap<>();
        inDatabase.values().forEach(m -> m.forEach((status, n) -> totals.merge(status, n, Long::sum)));
        out.put("registrationsByStatus", totals);
        long rejected = totals.getOrDefault("REJECTED", 0L);
        if (rejected > 0) {
            violations.add(rejected + " registrations REJECTED although every organisation had tokens enough");
        }

        List<UUID> ids = organisations.all().stream().map(LoadOrganisations.Organisation::id).toList();
        Map<UUID, Integer> expected = new LinkedHashMap<>();
        ids.forEach(id -> expected.put(id, granted - (int) (long) inDatabase.getOrDefault(id, Map.of())
                .getOrDefault("CONFIRMED", 0L)));
        boolean caughtUp = waitFor(() -> database.knownBalances(ids).equals(expected));
        Map<UUID, Integer> known = database.knownBalances(ids);
        long behind = ids.stream().filter(id -> !expected.get(id).equals(known.get(id))).count();
        out.put("knownBalancesBehind", behind);
        if (!caughtUp) {
            violations.add(behind + " organisations whose balance known to sessions-service differs from the ledger's");
        }
        out.put("holds", violations.isEmpty());
        return out;
    }

    private static boolean waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
