package dev.sessio.systemtests.faults;

import dev.sessio.systemtests.faults.Schools.School;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #10: PostgreSQL restarted. Services report it on {@code /q/health/ready} (503) while it is away and serve
 * again afterwards without being restarted; an event that arrives while a service's database is away is applied
 * once the database is back, not dead-lettered.
 */
class PostgresRestartIT {

    static final List<String> WITH_DATABASE = List.of("accounts-service", "tokens-service", "sessions-service",
            "notifications-service", "video-service");

    @BeforeAll
    static void platformUp() {
        LocalPlatform.ensureUp();
    }

    @Test
    void theServerKilledAndRestartedServicesReportItThenRecoverWithoutARestart() {
        Map<String, Long> pids = WITH_DATABASE.stream().collect(Collectors.toMap(s -> s, LocalPlatform::pid));

        LocalPlatform.kill("postgres", Databases.PORT);
        await("every service with a database reports it not ready").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(WITH_DATABASE).allSatisfy(s ->
                        assertThat(LocalPlatform.readiness(s)).as("%s readiness", s).isEqualTo(503)));

        LocalPlatform.up();
        LocalPlatform.awaitAllReady(Duration.ofSeconds(90));
        assertThat(WITH_DATABASE.stream().collect(Collectors.toMap(s -> s, LocalPlatform::pid)))
                .as("no service was restarted").isEqualTo(pids);

        // Each service reads and writes its database again, and the saga runs through the relays and consumers.
        String ops = Schools.ops();
        School school = Schools.newSchool("pg");
        Schools.grant(ops, school.organisationId(), 1);
        String session = Schools.webinar(ops, "pg");
        String registration = register(school, session);
        await("registration confirmed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> status(school, registration).equals("CONFIRMED"));
        String joinUrl = await("join link issued").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Schools.gateway().header("Authorization", school.bearer())
                        .get("/api/registrations/" + registration).then().statusCode(200)
                        .extract().<String>path("joinUrl"), url -> url != null);
        String code = URI.create(joinUrl).getPath().replaceAll(".*/", "");
        // Reads of the other services' databases (a first query may be slow on a loaded machine: retried on 5xx).
        Retry.http(() -> Schools.gateway().get("/api/video/join/" + code), 200);
        Retry.http(() -> Schools.gateway().header("Authorization", school.bearer()).get("/api/notifications"), 200);
        Retry.http(() -> Schools.gateway().header("Authorization", ops).get("/api/accounts/ops/organisations"), 200);
    }

    @Test
    void anEventArrivingWhileTokensDatabaseIsAwayIsAppliedWhenItComesBack() throws Exception {
        String ops = Schools.ops();
        School school = Schools.newSchool("pg-tokens");
        Schools.grant(ops, school.organisationId(), 1);
        String session = Schools.webinar(ops, "pg-tokens");
        long tokensPid = LocalPlatform.pid("tokens-service");

        // Only tokens-service loses its database (as when its own PostgreSQL restarts); sessions-service goes on.
        setTokensDatabaseReachable(false);
        try {
            await("tokens-service reports it not ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> LocalPlatform.readiness("tokens-service") == 503);
            String registration = register(school, session);
            // RegistrationRequested reaches tokens-service's consumer while its database is away.
            await("RegistrationRequested on the topic").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Topics.mentions(Topics.readAll(List.of("sessions.events.v1")), registration));
            Retry.sleep(10_000);
            assertThat(status(school, registration)).isEqualTo("PENDING");

            setTokensDatabaseReachable(true);
            await("tokens-service ready again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> LocalPlatform.readiness("tokens-service") == 200);
            await("registration confirmed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> status(school, registration).equals("CONFIRMED"));
            assertThat(Databases.count("tokens", "SELECT count(*) FROM posting WHERE kind = 'DEBIT' AND cause_id = ?",
                    UUID.fromString(registration))).isEqualTo(1);
            assertThat(Topics.mentions(Topics.readAll(List.of("sessions.events.v1.tokens.dlq")), registration))
                    .as("RegistrationRequested dead-lettered by tokens-service").isFalse();
            assertThat(LocalPlatform.pid("tokens-service")).as("tokens-service not restarted").isEqualTo(tokensPid);
        } finally {
            setTokensDatabaseReachable(true);
        }
    }

    /** Refuses (and cuts) every connection to the tokens database, or allows them again. */
    private static void setTokensDatabaseReachable(boolean reachable) throws SQLException {
        try (Connection c = Databases.superuser(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE tokens WITH ALLOW_CONNECTIONS " + reachable);
            if (!reachable) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'tokens'");
            }
        }
    }

    static String register(School school, String session) {
        String key = UUID.randomUUID().toString();
        return Retry.http(() -> Schools.gateway().header("Authorization", school.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).post("/api/sessions/" + session + "/registrations"), 201, 202).path("id");
    }

    static String status(School school, String registration) {
        return Schools.gateway().header("Authorization", school.bearer()).get("/api/registrations/" + registration)
                .then().statusCode(200).extract().path("status");
    }

    @AfterAll
    static void platformLeftUp() {
        LocalPlatform.ensureUp();
    }
}
