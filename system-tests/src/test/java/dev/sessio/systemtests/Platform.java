package dev.sessio.systemtests;

import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.util.Base64;
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
    public static final String REALM = KEYCLOAK + "/realms/sessio";
    public static final String DEMO_PASSWORD = "Sessio-demo-2026!";
    public static final Map<String, Integer> SERVICES = Map.of(
            "gateway", 8080,
            "accounts-service", 8081,
            "tokens-service", 8082,
            "sessions-service", 8083,
            "notifications-service", 8084,
            "video-service", 8085);

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
        Response response = given().baseUri(REALM).formParam("grant_type", "password")
                .formParam("client_id", "sessio-system-tests")
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

    /** The claims of a JWT, read without checking it (Keycloak and the services check it). */
    public static io.restassured.path.json.JsonPath claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return new io.restassured.path.json.JsonPath(new String(Base64.getUrlDecoder().decode(payload)));
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
