package dev.sessio.gateway.edge;

import java.util.List;

/**
 * {@code "POST /api/accounts/signup"}, {@code "GET /api/video/join/*"}, {@code "GET /api/docs/**"}:
 * a method (or {@code *}) and a path where {@code *} matches one segment and a final {@code **} the rest.
 */
public record OperationPattern(String method, String[] segments) {

    public static OperationPattern parse(String pattern) {
        String[] parts = pattern.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("expected \"METHOD /path\", got \"" + pattern + "\"");
        }
        return new OperationPattern(parts[0].toUpperCase(), split(parts[1]));
    }

    public static List<OperationPattern> parseAll(List<String> patterns) {
        return patterns.stream().map(OperationPattern::parse).toList();
    }

    public boolean matches(String requestMethod, String path) {
        if (!method.equals("*") && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        String[] actual = split(path);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals("**")) {
                return true;
            }
            if (i >= actual.length || !(segments[i].equals("*") || segments[i].equals(actual[i]))) {
                return false;
            }
        }
        return actual.length == segments.length;
    }

    /**
     * The segments a matching path has where this pattern has {@code *} (the join code of
     * {@code GET /api/video/join/*}), joined by {@code /}; null when the path does not match.
     */
    public String wildcards(String requestMethod, String path) {
        if (!matches(requestMethod, path)) {
            return null;
        }
        String[] actual = split(path);
        StringBuilder captured = new StringBuilder();
        for (int i = 0; i < segments.length && i < actual.length; i++) {
            if (segments[i].equals("*")) {
                captured.append(captured.isEmpty() ? "" : "/").append(actual[i]);
            }
        }
        return captured.toString();
    }

    public static boolean any(List<OperationPattern> patterns, String method, String path) {
        for (OperationPattern pattern : patterns) {
            if (pattern.matches(method, path)) {
                return true;
            }
        }
        return false;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
