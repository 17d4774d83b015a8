package dev.sessio.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What the platform mailed, read from GreenMail's REST API (raw MIME, quoted-printable undone). */
public final class Mailbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Mailbox() {
    }

    public static List<String> messages(String email) {
        String body = given().baseUri(Platform.MAIL_API).get("/api/user/" + email + "/messages/").asString();
        List<String> messages = new ArrayList<>();
        try {
            JsonNode list = JSON.readTree(body);
            for (JsonNode message : list) {
                messages.add(decode(message.path("mimeMessage").asText(message.toString())));
            }
        } catch (Exception e) {
            // no mailbox yet
        }
        return messages;
    }

    /** Waits for a message to {@code email} whose raw text contains {@code needle}; returns that text. */
    public static String awaitMessage(String email, String needle, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> messages(email).stream().filter(m -> m.contains(needle)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** The first {@code token=…} query parameter in a message (confirmation, reset and invitation links). */
    public static String token(String message) {
        Matcher matcher = Pattern.compile("[?&]token=([A-Za-z0-9_\\-.~%]+)").matcher(message);
        if (!matcher.find()) {
            throw new AssertionError("no token link in:\n" + message);
        }
        return java.net.URLDecoder.decode(matcher.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String decode(String raw) {
        // quoted-printable: soft line breaks and the '=' that links carry
        return raw.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    }
}
