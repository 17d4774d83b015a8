package dev.sessio.video;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * WireMock on loopback answering like the Vonage Video REST API, and a throwaway Vonage application: an id, an
 * RSA key pair made at start (the private key never leaves the test JVM) and a callback signature secret.
 */
public class VonageStub implements QuarkusTestResourceLifecycleManager {

    public static final String APPLICATION_ID = UUID.randomUUID().toString();
    public static final String SIGNATURE_SECRET = "test-signature-secret-" + UUID.randomUUID();
    private static final KeyPair KEYS = rsa();
    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    public static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        stubVideoApi();
        return Map.of(
                "video.provider", "vonage",
                "video.vonage.application-id", APPLICATION_ID,
                "video.vonage.private-key", pem(),
                "video.vonage.signature-secret", SIGNATURE_SECRET,
                "video.vonage.base-uri", server.baseUrl());
    }

    /** The answers the Vonage Video API gives, as documented; each created session gets a fresh id. */
    public static void stubVideoApi() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/session/create")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"session_id\":\"2_MX4stub-{{randomValue length=24 type='ALPHANUMERIC'}}\","
                        + "\"project_id\":\"" + APPLICATION_ID + "\",\"application_id\":\"" + APPLICATION_ID + "\","
                        + "\"create_dt\":\"Mon Mar 17 00:41:31 PDT 2025\",\"media_server_url\":\"\"}]")
                .withTransformers("response-template")));
        String archives = "/v2/project/" + APPLICATION_ID + "/archive";
        server.stubFor(post(urlEqualTo(archives)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"{{randomValue type='UUID'}}\",\"status\":\"started\","
                        + "\"sessionId\":\"{{jsonPath request.body '$.sessionId'}}\",\"name\":\"{{jsonPath request.body '$.name'}}\","
                        + "\"applicationId\":\"" + APPLICATION_ID + "\",\"createdAt\":1700000000000,\"outputMode\":\"composed\"}")
                .withTransformers("response-template")));
        server.stubFor(post(urlPathMatching(archives + "/[^/]+/stop")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"{{request.pathSegments.[4]}}\",\"status\":\"stopped\",\"createdAt\":1700000000000}")
                .withTransformers("response-template")));
        server.stubFor(get(urlPathMatching(archives + "/[^/]+")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"{{request.pathSegments.[4]}}\",\"status\":\"available\",\"duration\":1800,"
                        + "\"size\":1000,\"createdAt\":1700000000000,"
                        + "\"url\":\"https://archives.vonage.test/{{request.pathSegments.[4]}}.mp4?expires=600\"}")
                .withTransformers("response-template")));
        server.stubFor(delete(urlPathMatching(archives + "/[^/]+")).willReturn(aResponse().withStatus(204)));
        server.stubFor(delete(urlPathMatching("/v2/project/" + APPLICATION_ID + "/session/[^/]+/connection/[^/]+"))
                .willReturn(aResponse().withStatus(204)));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String pem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
