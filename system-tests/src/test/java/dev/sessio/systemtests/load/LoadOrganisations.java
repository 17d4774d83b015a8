package dev.sessio.systemtests.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessio.systemtests.KeycloakAdmin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The load's school organisations: one Keycloak school-admin user each, made directly through Keycloak's admin API
 * (user {@code load-org-NNN@load.sessio.test}, realm role school-admin, email verified). Users are kept between runs
 * (a password hash costs Keycloak a lot of CPU); every run gives each of them a new organisation (a new
 * {@code org_id} UUID), logs them in once and keeps their access tokens fresh with the refresh token.
 */
final class LoadOrganisations implements AutoCloseable {

    static final String PASSWORD = "Load-org-pass-2026!";   // local load users only
    private static final String TOKEN_URL = LoadEnvironment.KEYCLOAK + "/realms/sessio/protocol/openid-connect/token";

    record Organisation(int index, String username, UUID id) {
    }

    private record Tokens(String access, String refresh, Instant refreshAfter) {
    }

    private final List<Organisation> organisations;
    private final Map<Integer, Tokens> tokens = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-token-refresh");
        t.setDaemon(true);
        return t;
    });

    private LoadOrganisations(List<Organisation> organisations) {
        this.organisations = organisations;
    }

    /**
     * Creates the missing users, gives every one a new organisation id and logs them all in. Meanwhile the local
     * realm hashes passwords with {@link KeycloakAdmin#FIXTURE_HASH_ITERATIONS} iterations (Keycloak's default, hundreds of
     * thousands, makes 500 users cost minutes of CPU on a shared 2-core machine); the realm's own policy is put back
     * afterwards. Logging in is not part of what the load measures: services check tokens offline.
     */
    static LoadOrganisations prepare(int count) {
        try {
            return KeycloakAdmin.withCheapPasswordHashing(() -> prepareUsers(count));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("load fixtures failed", e);
        }
    }

    private static LoadOrganisations prepareUsers(int count) {
        Map<String, String> existing = KeycloakAdmin.users("load-org-");
        long started = System.nanoTime();
        List<Organisation> organisations = parallel(count, 4, i -> {
            String username = "load-org-%03d@load.sessio.test".formatted(i);
            UUID orgId = UUID.randomUUID();
            String userId = existing.get(username);
            if (userId == null) {
                KeycloakAdmin.createSchoolAdmin(username, PASSWORD, "Load", "School", orgId);
            } else {
                KeycloakAdmin.moveToOrganisation(userId, username, "Load", "School", orgId);
            }
            return new Organisation(i, username, orgId);
        });
        int created = count - (int) organisations.stream().filter(o -> existing.containsKey(o.username())).count();
        System.out.printf("load: %d organisations ready (%d users created) in %d s%n", count, created,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        LoadOrganisations result = new LoadOrganisations(organisations);
        result.loginAll();
        return result;
    }

    List<Organisation> all() {
        return organisations;
    }

    Organisation get(int index) {
        return organisations.get(index % organisations.size());
    }

    /** The organisation's current access token (refreshed in the background). */
    String bearer(int index) {
        return "Bearer " + tokens.get(index % organisations.size()).access();
    }

    private void loginAll() {
        long started = System.nanoTime();
        parallel(organisations.size(), 6, i -> {
            tokens.put(i, tokensFrom(JsonHttp.form(TOKEN_URL, Map.of("grant_type", "password",
                    "client_id", "sessio-system-tests", "username", organisations.get(i).username(),
                    "password", PASSWORD, "scope", "openid")).expect(200).json()));
            return i;
        });
        System.out.printf("load: %d organisations logged in in %d s%n", organisations.size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        refresher.scheduleWithFixedDelay(this::refreshDue, 20, 20, TimeUnit.SECONDS);
    }

    private void refreshDue() {
        Instant now = Instant.now();
        tokens.forEach((i, t) -> {
            if (now.isAfter(t.refreshAfter()) && !Thread.currentThread().isInterrupted()) {
                try {
                    tokens.put(i, tokensFrom(JsonHttp.form(TOKEN_URL, Map.of("grant_type", "refresh_token",
                            "client_id", "sessio-system-tests", "refresh_token", t.refresh())).expect(200).json()));
                } catch (RuntimeException e) {
                    System.err.println("load: token refresh of " + organisations.get(i).username() + " failed: " + e);
                }
            }
        });
    }

    private static Tokens tokensFrom(JsonNode answer) {
        long lifetime = answer.get("expires_in").asLong();
        return new Tokens(answer.get("access_token").asText(), answer.get("refresh_token").asText(),
                Instant.now().plusSeconds(Math.max(10, lifetime / 2)));
    }

    /** Runs {@code work} for 0..count-1 on a few threads (Keycloak hashes passwords: more threads only queue). */
    static <T> List<T> parallel(int count, int threads, IntFunction<T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> work.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("load fixtures failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
