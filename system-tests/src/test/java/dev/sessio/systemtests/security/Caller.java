package dev.sessio.systemtests.security;

import dev.sessio.systemtests.Platform;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;

/** Someone holding a real Keycloak token; the token is fetched again before it expires (5 min in the realm). */
final class Caller {

    private static final Duration REFRESH_AFTER = Duration.ofMinutes(3);

    final String name;
    private final String username;
    private final String password;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant fetchedAt = Instant.MIN;

    private Caller(String name, String username, String password, String clientId, String clientSecret) {
        this.name = name;
        this.username = username;
        this.password = password;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    static Caller user(String username, String password) {
        return new Caller(username, username, password, null, null);
    }

    static Caller demo(String username) {
        return user(username, Platform.DEMO_PASSWORD);
    }

    static Caller partner(String name, String clientId, String clientSecret) {
        return new Caller(name, null, null, clientId, clientSecret);
    }

    synchronized String token() {
        if (token == null || Instant.now().isAfter(fetchedAt.plus(REFRESH_AFTER))) {
            token = username != null ? Platform.login(username, password) : clientCredentials(clientId, clientSecret);
            fetchedAt = Instant.now();
        }
        return token;
    }

    String bearer() {
        return "Bearer " + token();
    }

    Set<String> roles() {
        List<String> roles = Platform.claims(token()).getList("realm_access.roles");
        return roles == null ? Set.of() : Set.copyOf(roles);
    }

    String orgId() {
        return Platform.claims(token()).getString("org_id");
    }

    String subject() {
        return Platform.claims(token()).getString("sub");
    }

    static Response clientCredentialsResponse(String clientId, String secret) {
        return given().baseUri(Platform.REALM).formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret)
                .post("/protocol/openid-connect/token");
    }

    static String clientCredentials(String clientId, String secret) {
        Response response = clientCredentialsResponse(clientId, secret);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("client credentials of " + clientId + " refused: " + response.asString());
        }
        return response.jsonPath().getString("access_token");
    }

    @Override
    public String toString() {
        return name;
    }
}
