package dev.sessio.systemtests.load;

import dev.sessio.systemtests.Platform;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What ops set up before the load, straight on the services (fixtures, not measured): webinars of the demo trainer
 * far enough ahead, one after the other so they never overlap, and an ops grant of tokens to every organisation.
 */
final class LoadCatalogue {

    private LoadCatalogue() {
    }

    static String opsBearer() {
        return "Bearer " + Platform.login("ops@sessio.test", Platform.DEMO_PASSWORD);
    }

    /** {@code count} back-to-back one-hour webinars from about 60 days ahead; a taken slot moves the next one on. */
    static List<UUID> scheduleSessions(int count, String runId) {
        String ops = opsBearer();
        String trainerId = Platform.claims(Platform.login("trainer@sessio.test", Platform.DEMO_PASSWORD)).getString("sub");
        String theme = JsonHttp.get(LoadEnvironment.SESSIONS_SERVICE + "/api/sessions/themes", null).expect(200)
                .json().get(0).get("name").asText();
        OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(60).truncatedTo(ChronoUnit.HOURS);
        List<UUID> sessions = new ArrayList<>();
        int attempts = 0;
        while (sessions.size() < count) {
            if (++attempts > count + 2000) {
                throw new IllegalStateException("no free slot for the trainer after " + attempts + " attempts");
            }
            JsonHttp.Answer answer = JsonHttp.post(LoadEnvironment.SESSIONS_SERVICE + "/api/sessions", ops, Map.of(
                    "title", "Load " + runId + " #" + sessions.size(), "theme", theme,
                    "description", "Load benchmark", "startsAt", startsAt.toString(), "durationMinutes", 60,
                    "trainerId", trainerId));
            startsAt = startsAt.plusHours(1);
            if (answer.status() == 409 && answer.text().contains("trainer-unavailable")) {
                continue;
            }
            sessions.add(UUID.fromString(answer.expect(201).json().get("id").asText()));
        }
        return sessions;
    }

    /** Ops credit every organisation with {@code quantity} tokens (POST /api/tokens/grants, Idempotency-Key). */
    static void grant(LoadOrganisations organisations, int quantity) {
        String ops = opsBearer();
        LoadOrganisations.parallel(organisations.all().size(), 4, i -> JsonHttp.post(
                LoadEnvironment.TOKENS_SERVICE + "/api/tokens/grants", ops, Map.of(
                        "organisationId", organisations.get(i).id().toString(), "quantity", quantity,
                        "reason", "load benchmark")).expect(201));
    }
}
