package dev.sessio.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sessio.testing.KafkaBroker;
import dev.sessio.testing.OidcIssuer;
import dev.sessio.testing.PostgresServer;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The %prod configuration works from the environment alone: the packaged tokens-service starts with exactly the
 * variables its prod Deployment gives (ConfigMaps + Secret references), nothing else, and reports ready. Only the
 * values change: in-cluster addresses become the local PostgreSQL, Kafka and OpenID provider started here, and
 * each Secret reference gets a test value. Skipped when tokens-service has not been packaged (run the reactor,
 * or ./mvnw -q -pl tokens-service -am package -DskipTests).
 */
class TokensServiceFromEnvTest {

    private static final String SERVICE = "tokens-service";

    @Test
    void startsAndIsReadyWithOnlyTheManifestEnvironment() throws Exception {
        Path jar = Kustomize.repo().resolve(SERVICE + "/target/quarkus-app/quarkus-run.jar");
        assumeTrue(Files.isRegularFile(jar), "no " + jar + ": package " + SERVICE + " first");

        Manifests prod = Kustomize.overlay("prod");
        Deployment deployment = prod.named(Deployment.class, SERVICE).orElseThrow();
        Map<String, EnvVar> manifestEnv = Rules.environment(prod, deployment);

        String dbPassword = UUID.randomUUID().toString();
        String jdbcUrl = Rules.value(manifestEnv, "QUARKUS_DATASOURCE_JDBC_URL");
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        Map<String, String> secrets = Map.of(
                "tokens-db-app/username", "tokens",
                "tokens-db-app/password", dbPassword,
                "tokens-stripe/api-key", "sk_test_k8s_manifest_check",
                "tokens-stripe/webhook-secret", "whsec_k8s_manifest_check");
        long t0 = System.nanoTime();
        provisionLikeCloudNativePg(database, "tokens", dbPassword);
        String bootstrap = KafkaBroker.get().bootstrapServers();
        String issuer = OidcIssuer.get().issuer();
        System.out.printf("PostgreSQL, Kafka and the OpenID provider up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        int port = freePort();

        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : manifestEnv.values()) {
            String value;
            if (e.getValueFrom() != null) {
                SecretKeySelector ref = e.getValueFrom().getSecretKeyRef();
                assertThat(ref).as("%s comes from a Secret", e.getName()).isNotNull();
                value = secrets.get(ref.getName() + "/" + ref.getKey());
                assertThat(value).as("a test value for Secret %s key %s", ref.getName(), ref.getKey()).isNotNull();
            } else {
                value = switch (e.getName()) {
                    case "QUARKUS_DATASOURCE_JDBC_URL" -> e.getValue().replaceFirst("//[^/]+/", "//127.0.0.1:" + PostgresServer.port() + "/");
                    case "KAFKA_BOOTSTRAP_SERVERS" -> bootstrap;
                    case "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_TOKEN_ISSUER" -> issuer;
                    case "QUARKUS_HTTP_PORT" -> String.valueOf(port);
                    default -> e.getValue();
                };
            }
            env.put(e.getName(), value);
        }
        assertThat(env).containsKeys("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_HTTP_PORT");

        Path work = Files.createTempDirectory("sessio-k8s-env-");
        Path log = Kustomize.k8s().resolve("target/" + SERVICE + "-from-env.log");
        Files.createDirectories(log.getParent());
        long t1 = System.nanoTime();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .directory(work.toFile()) // its own folder: no .env or config/ of a developer
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            HttpResponse<String> ready = null;
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                try {
                    ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(300);
            }
            assertThat(ready).as("%s answered /q/health/ready; log:%n%s", SERVICE, tail(log)).isNotNull();
            assertThat(ready.statusCode()).as("ready with only the manifest environment; body %s; log:%n%s",
                    ready.body(), tail(log)).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\": \"UP\"");
            System.out.printf("%s ready in %d ms with only the manifest environment (%d variables)%n", SERVICE,
                    (System.nanoTime() - t1) / 1_000_000, env.size());
            for (String probe : List.of("/q/health/started", "/q/health/live")) {
                var answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probe)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            }
            // SIGTERM, as the kubelet sends after preStop: it must end within the Quarkus shutdown timeout.
            process.destroy();
            Duration shutdown = Rules.quarkusShutdownTimeout(Kustomize.repo());
            assertThat(process.waitFor(shutdown.toSeconds() + 5, TimeUnit.SECONDS))
                    .as("stopped within the shutdown timeout; log:%n%s", tail(log)).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    /** What CloudNativePG's initdb bootstrap does: a login role owning the service's database. */
    private static void provisionLikeCloudNativePg(String database, String owner, String password) throws Exception {
        try (Connection c = PostgresServer.get().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + owner);
            s.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + database + " OWNER " + owner);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
