package dev.sessio.gateway.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** RFC 9457 answers produced by the gateway itself (before or instead of a service's answer). */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://sessio.dev/problems/";

    private ProblemResponses() {
    }

    public static Buffer body(int status, String type, String title, String detail) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", BASE + type);
        node.put("title", title);
        node.put("status", status);
        node.put("detail", detail);
        return Buffer.buffer(node.toString());
    }

    public static void send(HttpServerResponse response, int status, String type, String title, String detail) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(body(status, type, title, detail));
    }
}
