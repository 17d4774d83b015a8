package dev.sessio.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
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
        List<String> messages = new ArrayList<>();
        for (String raw : raw(email)) {
            messages.add(decode(raw));
        }
        return messages;
    }

    /** Every message to {@code email}, MIME-decoded: subject, text of all text parts, calendar attachments. */
    public static List<Mail> mails(String email) {
        return raw(email).stream().map(Mail::parse).toList();
    }

    /** Waits for a message to {@code email} whose raw text contains {@code needle}; returns that text. */
    public static String awaitMessage(String email, String needle, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> messages(email).stream().filter(m -> m.contains(needle)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** Waits for a decoded mail to {@code email} matching {@code wanted} (e.g. by subject); returns it. */
    public static Mail awaitMail(String email, Predicate<Mail> wanted, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> mails(email).stream().filter(wanted).findFirst(), Optional::isPresent)
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

    private static List<String> raw(String email) {
        String body = given().baseUri(Platform.MAIL_API).get("/api/user/" + email + "/messages/").asString();
        List<String> messages = new ArrayList<>();
        try {
            JsonNode list = JSON.readTree(body);
            for (JsonNode message : list) {
                messages.add(message.path("mimeMessage").asText(message.toString()));
            }
        } catch (Exception e) {
            // no mailbox yet
        }
        return messages;
    }

    private static String decode(String raw) {
        // quoted-printable: soft line breaks and the '=' that links carry
        return raw.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    }

    /**
     * A decoded message. {@code text} joins every text/plain and text/html part; {@code calendars} holds the
     * text/calendar parts (inline or attached).
     */
    public record Mail(String subject, String to, String text, List<String> calendars, String raw) {

        public boolean subjectContains(String part) {
            return subject != null && subject.contains(part);
        }

        static Mail parse(String raw) {
            Part message = Part.parse(raw);
            StringBuilder text = new StringBuilder();
            List<String> calendars = new ArrayList<>();
            message.collect(text, calendars);
            return new Mail(words(message.headers.getOrDefault("subject", "")), message.headers.get("to"),
                    text.toString(), calendars, raw);
        }

        @Override
        public String toString() {
            return "Mail[to=" + to + ", subject=" + subject + "]";
        }
    }

    /** Just enough MIME (RFC 2045–2047) for our emails: nested multiparts, base64, quoted-printable, encoded words. */
    private record Part(Map<String, String> headers, String body, List<Part> parts) {

        static Part parse(String raw) {
            String text = raw.replace("\r\n", "\n");
            int split = text.indexOf("\n\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 2);
            Map<String, String> headers = new LinkedHashMap<>();
            String name = null;
            for (String line : head.split("\n")) {
                if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                    headers.merge(name, " " + line.strip(), String::concat);
                } else if (line.indexOf(':') > 0) {
                    name = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
                    headers.put(name, line.substring(line.indexOf(':') + 1).strip());
                }
            }
            String type = headers.getOrDefault("content-type", "text/plain");
            List<Part> parts = new ArrayList<>();
            String boundary = parameter(type, "boundary");
            if (type.toLowerCase(Locale.ROOT).startsWith("multipart/") && boundary != null) {
                String[] chunks = body.split("(?m)^--" + Pattern.quote(boundary) + "(--)?\\s*$");
                for (int i = 1; i < chunks.length; i++) {
                    String chunk = chunks[i].startsWith("\n") ? chunks[i].substring(1) : chunks[i];
                    if (!chunk.isBlank()) {
                        parts.add(parse(chunk));
                    }
                }
            }
            return new Part(headers, body, parts);
        }

        void collect(StringBuilder text, List<String> calendars) {
            if (!parts.isEmpty()) {
                parts.forEach(p -> p.collect(text, calendars));
                return;
            }
            String type = headers.getOrDefault("content-type", "text/plain").toLowerCase(Locale.ROOT);
            String decoded = content();
            if (type.startsWith("text/calendar")) {
                calendars.add(decoded);
            } else if (type.startsWith("text/")) {
                text.append(decoded).append('\n');
            }
        }

        String content() {
            String encoding = headers.getOrDefault("content-transfer-encoding", "7bit").toLowerCase(Locale.ROOT);
            String charsetName = parameter(headers.getOrDefault("content-type", ""), "charset");
            Charset charset = charsetName == null ? StandardCharsets.UTF_8 : Charset.forName(charsetName);
            return switch (encoding) {
                case "base64" -> new String(Base64.getMimeDecoder().decode(body.strip()), charset);
                case "quoted-printable" -> new String(quotedPrintable(body, false), charset);
                default -> body;
            };
        }
    }

    private static String parameter(String header, String name) {
        Matcher m = Pattern.compile("(?i)(?:^|;)\\s*" + name + "=(\"([^\"]*)\"|[^;\\s]+)").matcher(header);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    private static byte[] quotedPrintable(String text, boolean underscoreIsSpace) {
        String joined = text.replace("=\n", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && isHex(joined, i + 1) && isHex(joined, i + 2)) {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '_' && underscoreIsSpace) {
                out.write(' ');
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }

    /** RFC 2047 encoded words ({@code =?UTF-8?Q?…?=}, {@code =?UTF-8?B?…?=}) in a header. */
    private static String words(String header) {
        Matcher m = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=").matcher(header.replaceAll("\\?=\\s+=\\?", "?==?"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Charset charset = Charset.forName(m.group(1));
            String decoded = m.group(2).equalsIgnoreCase("B")
                    ? new String(Base64.getDecoder().decode(m.group(3)), charset)
                    : new String(quotedPrintable(m.group(3), true), charset);
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(out);
        return out.toString();
    }
}
