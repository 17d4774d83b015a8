package dev.sessio.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessio.systemtests.KeycloakAdmin;
import dev.sessio.systemtests.Platform;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens that must not open the API: expired, wrongly signed (tampered, another key, alg none, HMAC with the public
 * key), issued by another realm (forged, and a genuine master-realm token), or meant for another audience (the realm's own ID token, a refresh
 * token). Through the gateway each answers 401 problem+json; at every service directly, 401.
 */
class TokenValidationIT {

    /** One protected read per service: the token check happens before anything else. */
    static final Map<String, String> PROBES = Map.of(
            "accounts-service", "/api/accounts/me",
            "tokens-service", "/api/tokens/balance",
            "sessions-service", "/api/registrations",
            "notifications-service", "/api/notifications",
            "video-service", "/api/video/connection-test");
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    static SecurityFixtures f;
    static Map<String, String> tokens;

    @BeforeAll
    static void forge() throws Exception {
        f = SecurityFixtures.get();
        Response grant = given().baseUri(Platform.REALM).formParam("grant_type", "password")
                .formParam("client_id", "sessio-system-tests").formParam("username", "admin.a@ecole-a.test")
                .formParam("password", Platform.DEMO_PASSWORD).formParam("scope", "openid")
                .post("/protocol/openid-connect/token");
        assertThat(grant.statusCode()).isEqualTo(200);
        String access = grant.jsonPath().getString("access_token");
        String[] parts = access.split("\\.");
        JsonNode header = Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        ObjectNode claims = (ObjectNode) Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        KeyPair ours = KeyPairGenerator.getInstance("RSA").generateKeyPair();

        tokens = new LinkedHashMap<>();
        tokens.put("garbage", "not-a-jwt");
        ObjectNode otherOrg = claims.deepCopy().put("org_id", f.b.orgId());
        tokens.put("payload changed, signature kept", parts[0] + "." + encode(otherOrg) + "." + parts[2]);
        char last = parts[2].charAt(10);
        tokens.put("signature altered", parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10)
                + (last == 'A' ? 'B' : 'A') + parts[2].substring(11));
        tokens.put("signed with another key (same kid)", rs256(header, claims, ours));
        tokens.put("alg none", encode(Http.JSON.createObjectNode().put("alg", "none").put("typ", "JWT")) + "."
                + parts[1] + ".");
        tokens.put("HS256 keyed with the realm's public key", hs256(header, claims, realmPublicKey()));
        ObjectNode master = claims.deepCopy().put("iss", Platform.KEYCLOAK + "/realms/master");
        tokens.put("issuer: the master realm", rs256(header, master, ours));
        ObjectNode past = claims.deepCopy().put("exp", Instant.now().minusSeconds(600).getEpochSecond())
                .put("iat", Instant.now().minusSeconds(900).getEpochSecond());
        tokens.put("expired, forged", rs256(header, past, ours));
        // Genuine tokens of the realm that are not access tokens for the API.
        tokens.put("the realm's ID token (aud = the client)", grant.jsonPath().getString("id_token"));
        tokens.put("the realm's refresh token", grant.jsonPath().getString("refresh_token"));
        assertThat(Platform.claims(grant.jsonPath().getString("id_token")).getString("aud")).doesNotContain("sessio-api");
    }

    @TestFactory
    Stream<DynamicTest> badTokensAreRefusedAtTheGatewayAndAtEveryService() {
        List<DynamicTest> tests = new ArrayList<>();
        tokens.forEach((name, token) -> PROBES.forEach((service, path) -> {
            tests.add(DynamicTest.dynamicTest(name + " → gateway " + path, () -> gatewayRefuses(path, token)));
            tests.add(DynamicTest.dynamicTest(name + " → " + service, () -> serviceRefuses(service, path, token)));
        }));
        return tests.stream();
    }

    @Test
    void theSameRequestsWithTheGenuineTokenPass() {
        // Without this the refusals above could come from something else than the token.
        String bearer = f.demoAdminA.bearer();
        PROBES.forEach((service, path) -> {
            Response response = Http.authorized(bearer).get(path);
            assertThat(response.statusCode()).as(path + " " + Http.describe(response)).isIn(200, 404);
            Response direct = Http.from(Http.freshAddress(), Platform.service(service)).header("Authorization", bearer).get(path);
            assertThat(direct.statusCode()).as(service + path + " " + Http.describe(direct)).isIn(200, 404);
        });
    }

    @Test
    void aGenuineTokenOfAnotherRealmOfTheSameKeycloakIsRefused() {
        // Keycloak's own admin: validly signed by the same server, valid for ≥ 30 s more, but not our realm's.
        String token = KeycloakAdmin.bearer().substring("Bearer ".length());
        assertThat(Platform.claims(token).getString("iss")).isEqualTo(Platform.KEYCLOAK + "/realms/master");
        PROBES.forEach((service, path) -> {
            gatewayRefuses(path, token);
            serviceRefuses(service, path, token);
        });
    }

    @Test
    void aGenuineTokenIsRefusedOnceExpired() {
        // Taken when the suite's fixtures were built; the gateway allows 60 s of clock skew.
        String token = f.earlyToken;
        Instant expiry = SecurityFixtures.expiryOf(token);
        assertThat(Duration.between(Instant.now(), expiry)).isLessThan(Duration.ofMinutes(1));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Instant.now().isAfter(expiry.plusSeconds(62)));
        gatewayRefuses("/api/notifications", token);
        PROBES.forEach((service, path) -> serviceRefuses(service, path, token));
    }

    static void gatewayRefuses(String path, String token) {
        Response response = Http.authorized("Bearer " + token).get(path);
        assertThat(response.statusCode()).as(Http.describe(response)).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(Http.json(response).path("status").asInt()).isEqualTo(401);
    }

    static void serviceRefuses(String service, String path, String token) {
        Response response = Http.from(Http.freshAddress(), Platform.service(service))
                .header("Authorization", "Bearer " + token).get(path);
        assertThat(response.statusCode()).as(service + path + " " + Http.describe(response)).isEqualTo(401);
    }

    private static String realmPublicKey() {
        JsonNode keys = Http.json(given().baseUri(Platform.REALM).get("/protocol/openid-connect/certs"));
        for (JsonNode key : keys.path("keys")) {
            if (key.path("alg").asText().equals("RS256")) {
                return "-----BEGIN CERTIFICATE-----\n" + key.path("x5c").get(0).asText() + "\n-----END CERTIFICATE-----\n";
            }
        }
        throw new AssertionError("no RS256 key in " + keys);
    }

    private static String encode(JsonNode json) {
        return B64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String rs256(JsonNode header, JsonNode claims, KeyPair key) throws Exception {
        String input = encode(header) + "." + encode(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signature.sign());
    }

    private static String hs256(JsonNode header, JsonNode claims, String secret) throws Exception {
        ObjectNode hs = header.deepCopy();
        hs.put("alg", "HS256");
        String input = encode(hs) + "." + encode(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
