package dev.sessio.accounts;

import dev.sessio.testing.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Keycloak (the server distribution unpacked by this module's pom into target/keycloak-dist) with the realm
 * from deploy/keycloak imported and the local overlay (password-grant test client) applied: one per JVM, production
 * mode after a one-time {@code kc.sh build --db=dev-file}, loopback only, free ports, a fresh database each start.
 * Points accounts-service's admin client at it. Belongs in platform/testing once another module needs it.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "sessio";
    /** Public client of deploy/keycloak/local-overlay.json with the password grant enabled. */
    public static final String TEST_CLIENT = "sessio-system-tests";
    private static final String BUILD_OPTIONS = "--db=dev-file --health-enabled=true";

    private static Server server;

    /** The running server's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public static String url() {
        return server().url;
    }

    public static String adminClientSecret() {
        return server().adminClientSecret;
    }

    @Override
    public Map<String, String> start() {
        Server s = server();
        return Map.of(
                "accounts.keycloak.url", s.url,
                "accounts.keycloak.realm", REALM,
                "accounts.keycloak.client-secret", s.adminClientSecret);
    }

    @Override
    public void stop() {
        // one server per JVM, stopped by a shutdown hook
    }

    private static synchronized Server server() {
        if (server == null) {
            server = Server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
        }
        return server;
    }

    private record Server(Process process, String url, String adminClientSecret) {

        static Server start() {
            try {
                Path home = Path.of(System.getProperty("keycloak-it.home",
                        "target/keycloak-dist/keycloak-26.5.6")).toAbsolutePath();
                if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
                    throw new IllegalStateException("No Keycloak distribution in " + home
                            + ": run the tests through Maven (./mvnw -pl accounts-service verify), which unpacks it");
                }
                Path realmDir = realmDir();
                build(home);
                Path data = home.resolve("data");
                deleteRecursively(data);
                Files.createDirectories(data.resolve("import"));
                Files.copy(realmDir.resolve("sessio-realm.json"), data.resolve("import/sessio-realm.json"),
                        StandardCopyOption.REPLACE_EXISTING);

                int port = FreePorts.next();
                int management = FreePorts.next();
                String adminPassword = UUID.randomUUID().toString();
                String clientSecret = UUID.randomUUID().toString();
                ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start",
                        "--optimized", "--cache=local", "--http-enabled=true", "--http-host=127.0.0.1",
                        "--http-port=" + port, "--http-management-port=" + management,
                        "--hostname=http://127.0.0.1:" + port, "--import-realm")
                        .redirectErrorStream(true)
                        .redirectOutput(home.resolve("keycloak.log").toFile());
                builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
                builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
                builder.environment().put("SESSIO_KEYCLOAK_ADMIN_CLIENT_SECRET", clientSecret);
                builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
                Process process = builder.start();
                Server server = new Server(process, "http://127.0.0.1:" + port, clientSecret);
                try {
                    awaitReady(process, "http://127.0.0.1:" + management + "/health/ready",
                            server.url + "/realms/" + REALM + "/.well-known/openid-configuration", home);
                    applyOverlay(server.url, adminPassword, realmDir.resolve("local-overlay.json"));
                } catch (RuntimeException | IOException | InterruptedException e) {
                    server.stop();
                    throw e;
                }
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void stop() {
            // kc.sh may exec the JVM or keep it as a child: end the whole tree.
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }

        private static Path realmDir() {
            String configured = System.getProperty("keycloak-it.realm-dir");
            if (configured != null && Files.isRegularFile(Path.of(configured, "sessio-realm.json"))) {
                return Path.of(configured);
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("deploy/keycloak");
                if (Files.isRegularFile(candidate.resolve("sessio-realm.json"))) {
                    return candidate;
                }
            }
            throw new IllegalStateException("deploy/keycloak/sessio-realm.json not found");
        }

        /** {@code kc.sh build} once per unpacked distribution; a stamp file remembers the options. */
        private static void build(Path home) throws IOException, InterruptedException {
            Path stamp = home.resolve(".sessio-build-options");
            if (Files.exists(stamp) && Files.readString(stamp).equals(BUILD_OPTIONS)) {
                return;
            }
            Process build = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "build", "--db=dev-file",
                    "--health-enabled=true").redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak-build.log").toFile()).start();
            if (!build.waitFor(10, java.util.concurrent.TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build failed, see " + home.resolve("keycloak-build.log"));
            }
            Files.writeString(stamp, BUILD_OPTIONS);
        }

        private static void awaitReady(Process process, String health, String realm, Path home)
                throws InterruptedException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited, see " + home.resolve("keycloak.log"));
                }
                if (ok(http, health) && ok(http, realm)) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("Keycloak not ready after 5 minutes, see " + home.resolve("keycloak.log"));
        }

        private static boolean ok(HttpClient http, String url) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The local-only overlay (the password-grant client and demo users), as deploy/local applies it. */
        private static void applyOverlay(String url, String adminPassword, Path overlay)
                throws IOException, InterruptedException {
            HttpClient http = HttpClient.newHttpClient();
            String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                    + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                            URI.create(url + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher access = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(token.body());
            if (!access.find()) {
                throw new IllegalStateException("Keycloak admin login failed: " + token.body());
            }
            HttpResponse<String> imported = http.send(HttpRequest.newBuilder(
                            URI.create(url + "/admin/realms/" + REALM + "/partialImport"))
                    .header("Authorization", "Bearer " + access.group(1))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(overlay)).build(), HttpResponse.BodyHandlers.ofString());
            if (imported.statusCode() != 200) {
                throw new IllegalStateException("Keycloak overlay import failed: " + imported.body());
            }
        }

        private static void deleteRecursively(Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
