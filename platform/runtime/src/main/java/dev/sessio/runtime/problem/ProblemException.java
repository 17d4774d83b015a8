package dev.sessio.runtime.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A business refusal that answers as RFC 9457 problem+json. {@code type} is a slug appended to the configured
 * base URI, e.g. {@code insufficient-tokens} → {@code https://sessio.dev/problems/insufficient-tokens}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException badRequest(String type, String title, String detail) {
        return new ProblemException(400, type, title, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    /** Unknown and not-yours look the same: nobody learns another organisation's ids exist. */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " was not found");
    }

    public static ProblemException conflict(String type, String title, String detail) {
        return new ProblemException(409, type, title, detail);
    }

    public static ProblemException unprocessable(String type, String title, String detail) {
        return new ProblemException(422, type, title, detail);
    }

    /** Adds a member to the problem document (RFC 9457 extension), e.g. a link to buy tokens. */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** Adds an HTTP header to the answer, e.g. {@code Retry-After} on a 503. */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return Collections.unmodifiableMap(extensions);
    }
}
