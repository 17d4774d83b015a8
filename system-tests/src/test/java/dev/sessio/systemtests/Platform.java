package dev.sessio.systemtests;

import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Addresses of the platform started by deploy/local, and real Keycloak tokens for the demo users. */
public final class Platform {

    /** The same SESSIO_PORT_OFFSET that deploy/local/sessio was started with (several platforms side by side). */
    public static final int PORT_OFFSET = Integer.parseInt(
            System.getenv().getOrDefault("SESSIO_PORT_OFFSET", System.getProperty("sessio.port-offset", "0")));
    public static final String GATEWAY = System.getProperty("sessio.gateway", local(8080));
    public static final String KEYCLOAK = System.getProperty("sessio.keycloak", local(8180));
    public static final String MAIL_API = System.getProperty("sessio.mail-api", local(8025));
    /** WireMock standing in for Stripe and Vonage (deploy/local/stubs). */
    public static final String STUBS = System.getProperty("sessio.stubs", local(8090));
    /** The repository's root folder. */
    public static final Path REPOSITORY = repository();
    /** deploy/local's state folder: SESSIO_HOME, else {@code <repo>/.sessio}. */
    public static final Path HOME = home();
    public static final String REALM = KEYCLOAK + "/realms/sessio";
    public static final String DEMO_PASSWORD = "Sessio-demo-2026!";
    public static final Map<String, Integer> SERVICES = Map.of(
            "gateway", 8080,
            "accounts-service", 8081,
            "tokens-service", 8082,
            "sessions-service", 8083,
            "notifications-service", 8084,
            "video-service", 8085);

    private static Map<String, String> secrets;

    private Platform() {
    }

    public static String service(String name) {
        return local(SERVICES.get(name));
    }

    /** The loopback address of a default port, moved by the port offset. */
    public static String local(int defaultPort) {
        return "http://127.0.0.1:" + (defaultPort + PORT_OFFSET);
    }

    /** A real access token from Keycloak (password grant on the local-only test client). */
    public static String login(String username, String password) {
        return login("sessio-system-tests", username, password);
    }

    /** The same through another local test client, e.g. {@code sessio-system-tests-short-lived} (20 s tokens). */
    public static String login(String clientId, String username, String password) {
        Response response = given().baseUri(REALM).formParam("grant_type", "password")
                .formParam("client_id", clientId)
                .formParam("username", username).formParam("password", password)
                .formParam("scope", "openid")
                .post("/protocol/openid-connect/token");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + response.asString());
        }
        return response.jsonPath().getString("access_token");
    }

    public static String bearer(String username) {
        return "Bearer " + login(username, DEMO_PASSWORD);
    }

    /**
     * A value from the platform's generated {@code secrets.env}: stub keys, webhook and callback secrets, database
     * passwords, Keycloak's bootstrap admin. Read once.
     */
    public static synchronized String secret(String name) {
        if (secrets == null) {
            Map<String, String> values = new HashMap<>();
            try {
                for (String line : Files.readAllLines(HOME.resolve("secrets.env"))) {
                    int eq = line.indexOf('=');
                    if (!line.startsWith("#") && eq > 0) {
                        values.put(line.substring(0, eq).trim(), unquote(line.substring(eq + 1).trim()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + HOME.resolve("secrets.env") + " (SESSIO_HOME?)", e);
            }
            secrets = values;
        }
        String value = secrets.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not in " + HOME.resolve("secrets.env"));
        }
        return value;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** The repository root: the Maven plugins pass it; otherwise the first parent holding deploy/local/sessio. */
    private static Path repository() {
        String configured = System.getProperty("sessio.repository", System.getProperty("sessio.repo"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("deploy/local/sessio"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository (deploy/local/sessio) above " + Path.of("").toAbsolutePath());
    }

    /** deploy/local's state folder, as the script finds it: SESSIO_HOME, else {@code <repo>/.sessio}. */
    private static Path home() {
        String configured = System.getenv().getOrDefault("SESSIO_HOME", System.getProperty("sessio.home"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return REPOSITORY.resolve(".sessio");
    }

    /** The claims of a JWT, read without checking it (Keycloak and the services check it). */
    public static io.restassured.path.json.JsonPath claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return new io.restassured.path.json.JsonPath(new String(Base64.getUrlDecoder().decode(payload)));
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
