package dev.sessio.video;

import dev.sessio.video.infra.VonageCallbackSignature;
import io.restassured.response.ValidatableResponse;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.restassured.RestAssured.given;

/** Callbacks as Vonage sends them: JSON bodies and an HS256 JWT made with the signature secret. */
final class VonageCallbacks {

    /** When Vonage signs: tests that move the service's clock move this too. */
    static volatile java.util.function.Supplier<Instant> now = Instant::now;

    private VonageCallbacks() {
    }

    static String signature(String body, String secret, boolean withPayloadHash) {
        try {
            JwtClaims claims = new JwtClaims();
            long signedAt = now.get().getEpochSecond();
            claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(signedAt));
            claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(signedAt + 300));
            claims.setGeneratedJwtId();
            claims.setClaim("application_id", VonageStub.APPLICATION_ID);
            if (withPayloadHash) {
                claims.setClaim("payload_hash", VonageCallbackSignature.sha256(body));
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidatableResponse send(String body) {
        return send(body, "Bearer " + signature(body, VonageStub.SIGNATURE_SECRET, true));
    }

    static ValidatableResponse send(String body, String authorization) {
        var request = given().contentType("application/json").body(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post("/api/video/vonage/events").then();
    }

    static String connectionCreated(String roomId, String connectionId, String participantId, Instant at) {
        return """
                {"sessionId":"%s","projectId":"%s","event":"connectionCreated","timestamp":%d,
                 "connection":{"id":"%s","createdAt":%d,"data":%s}}"""
                .formatted(roomId, VonageStub.APPLICATION_ID, at.toEpochMilli() + 150, connectionId, at.toEpochMilli(),
                        quoted("{\"participantId\":\"" + participantId + "\"}"));
    }

    static String connectionDestroyed(String roomId, String connectionId, String participantId, Instant createdAt,
                                      Instant at) {
        return """
                {"sessionId":"%s","projectId":"%s","event":"connectionDestroyed","reason":"clientDisconnected",
                 "timestamp":%d,"connection":{"id":"%s","createdAt":%d,"data":%s}}"""
                .formatted(roomId, VonageStub.APPLICATION_ID, at.toEpochMilli(), connectionId, createdAt.toEpochMilli(),
                        quoted("{\"participantId\":\"" + participantId + "\"}"));
    }

    static String streamCreated(String roomId, String connectionId, Instant at) {
        return """
                {"sessionId":"%s","projectId":"%s","event":"streamCreated","timestamp":%d,
                 "stream":{"id":"%s","connection":{"id":"%s","createdAt":%d,"data":""},
                 "createdAt":%d,"name":"","videoType":"camera"}}"""
                .formatted(roomId, VonageStub.APPLICATION_ID, at.toEpochMilli(), java.util.UUID.randomUUID(),
                        connectionId, at.toEpochMilli(), at.toEpochMilli());
    }

    static String archive(String roomId, String archiveId, String status, long durationSeconds, String url) {
        return """
                {"id":"%s","event":"archive","createdAt":1700000000000,"duration":%d,"name":"defence",
                 "partnerId":"%s","reason":"","resolution":"1280x720","sessionId":"%s","size":18023312,
                 "status":"%s","url":%s}"""
                .formatted(archiveId, durationSeconds, VonageStub.APPLICATION_ID, roomId, status,
                        url == null ? "null" : "\"" + url + "\"");
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }
}
