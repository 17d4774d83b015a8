package dev.sessio.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.systemtests.Platform;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/**
 * Requests to the gateway (or a service) with bounded timeouts, from a chosen loopback address: the gateway's
 * per-address limits on sign-up and password reset then apply to that address only, not to the other suites.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final InetAddress DEFAULT_SOURCE = freshAddress();

    private Http() {
    }

    /** A random loopback address (the whole 127/8 is local on Linux). */
    static InetAddress freshAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            return InetAddress.getByAddress(new byte[]{127, (byte) random.nextInt(10, 250),
                    (byte) random.nextInt(1, 250), (byte) random.nextInt(2, 250)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static RequestSpecification gateway() {
        return from(DEFAULT_SOURCE, Platform.GATEWAY);
    }

    static RequestSpecification gateway(InetAddress source) {
        return from(source, Platform.GATEWAY);
    }

    static RequestSpecification from(InetAddress source, String baseUri) {
        return given().baseUri(baseUri).urlEncodingEnabled(false).config(RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.route.local-address", source)
                        .setParam("http.connection.timeout", 5_000)
                        .setParam("http.socket.timeout", 20_000)));
    }

    static RequestSpecification authorized(String bearer) {
        RequestSpecification spec = gateway();
        return bearer == null ? spec : spec.header("Authorization", bearer);
    }

    static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (Exception e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.asString(), e);
        }
    }

    static String describe(Response response) {
        String body = response.asString();
        return response.statusCode() + " " + response.contentType() + " "
                + (body.length() > 600 ? body.substring(0, 600) + "…" : body);
    }
}
