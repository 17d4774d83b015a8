package dev.sessio.systemtests.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.systemtests.Platform;
import io.restassured.response.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.sessio.systemtests.journeys.Journey.gateway;
import static io.restassured.RestAssured.given;

/**
 * Plays Vonage's side: session-monitoring and archive callbacks, signed like Vonage's (HS256 JWT with the
 * application's signature secret, {@code payload_hash}); checks client tokens against the local application's key.
 */
final class Vonage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Vonage() {
    }

    static String connectionCreated(String roomId, String connectionId, String connectionData, Instant at) {
        return json(Map.of("sessionId", roomId, "projectId", applicationId(), "event", "connectionCreated",
                "timestamp", at.toEpochMilli() + 150,
                "connection", Map.of("id", connectionId, "createdAt", at.toEpochMilli(), "data", connectionData)));
    }

    static String connectionDestroyed(String roomId, String connectionId, String connectionData, Instant createdAt,
                                      Instant at) {
        return json(Map.of("sessionId", roomId, "projectId", applicationId(), "event", "connectionDestroyed",
                "reason", "clientDisconnected", "timestamp", at.toEpochMilli(),
                "connection", Map.of("id", connectionId, "createdAt", createdAt.toEpochMilli(), "data", connectionData)));
    }

    static String archive(String roomId, String archiveId, String status, long durationSeconds, String url) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("id", archiveId);
        body.put("event", "archive");
        body.put("createdAt", PlatformClock.now().toEpochMilli());
        body.put("duration", durationSeconds);
        body.put("name", "defence");
        body.put("partnerId", applicationId());
        body.put("reason", "");
        body.put("resolution", "1280x720");
        body.put("sessionId", roomId);
        body.put("size", 18023312);
        body.put("status", status);
        body.put("url", url); // null until the archive is available, as Vonage sends it
        return json(body);
    }

    /** Posts a callback through the gateway, signed as Vonage signs it. */
    static Response send(String body) {
        return gateway().contentType("application/json").header("Authorization", "Bearer " + signature(body))
                .body(body).post("/api/video/vonage/events");
    }

    /**
     * HS256 JWT: iat/exp, jti, application_id, payload_hash. Issued at the platform's time: in the moved-clock
     * world the journeys create, Vonage lives at the same time as the services.
     */
    static String signature(String body) {
        long now = PlatformClock.now().getEpochSecond();
        String header = b64(json(Map.of("alg", "HS256", "typ", "JWT")).getBytes(StandardCharsets.UTF_8));
        String claims = b64(json(Map.of("iat", now, "exp", now + 300, "jti", UUID.randomUUID().toString(),
                "application_id", applicationId(), "payload_hash", sha256(body))).getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Platform.secret("VIDEO_VONAGE_SIGNATURE_SECRET").getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return header + "." + claims + "." + b64(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String applicationId() {
        return Platform.secret("VIDEO_VONAGE_APPLICATION_ID");
    }

    /** The claims of a client token, after checking its RS256 signature with the local Vonage application's key. */
    static JsonNode verifiedClientToken(String jwt) {
        try {
            String pem = Files.readString(Platform.HOME.resolve("vonage-private-key.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            String[] parts = jwt.split("\\.");
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new AssertionError("client token not signed with the Vonage application's key: " + jwt);
            }
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                throw new AssertionError("client token is not RS256: " + header);
            }
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The archive id the Vonage stub answered when video-service started a recording of {@code roomId}: read
     * from the stub's journal, as Vonage itself would know it for its callbacks.
     */
    static Optional<String> startedArchive(String roomId) {
        try {
            JsonNode journal = JSON.readTree(given().baseUri(Platform.STUBS).get("/__admin/requests").asString());
            for (JsonNode event : journal.path("requests")) {
                JsonNode request = event.path("request");
                if ("POST".equals(request.path("method").asText())
                        && request.path("url").asText().matches("/v2/project/[^/]+/archive")
                        && request.path("body").asText().contains(roomId)) {
                    return Optional.of(JSON.readTree(event.path("response").path("body").asText()).path("id").asText());
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
