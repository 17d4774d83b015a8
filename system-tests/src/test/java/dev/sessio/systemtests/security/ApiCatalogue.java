package dev.sessio.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation the platform publishes, read from the OpenAPI documents the gateway serves ({@code /api/docs}
 * then {@code /api/docs/{service}}), with the roles of its security requirement and its request body schema.
 */
final class ApiCatalogue {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static volatile List<Operation> operations;

    private ApiCatalogue() {
    }

    record Param(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * One operation. {@code roles} is null for a public operation (no or an empty security requirement), empty for
     * "any authenticated caller", otherwise the roles allowed.
     */
    record Operation(String service, String method, String path, String operationId, List<Param> params,
                     JsonNode bodySchema, String bodyMediaType, Set<String> roles, JsonNode document) {

        boolean isPublic() {
            return roles == null;
        }

        boolean allows(Set<String> callerRoles) {
            return roles != null && (roles.isEmpty() || roles.stream().anyMatch(callerRoles::contains));
        }

        boolean hasJsonBody() {
            return bodySchema != null && bodyMediaType.contains("json")
                    && "object".equals(resolve(bodySchema).path("type").asText("object"));
        }

        List<Param> pathParams() {
            return params.stream().filter(p -> p.in().equals("path")).toList();
        }

        List<Param> queryParams() {
            return params.stream().filter(p -> p.in().equals("query")).toList();
        }

        JsonNode resolve(JsonNode schema) {
            return ApiCatalogue.resolve(document, schema);
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    static List<Operation> operations() {
        if (operations == null) {
            synchronized (ApiCatalogue.class) {
                if (operations == null) {
                    operations = load();
                }
            }
        }
        return operations;
    }

    private static List<Operation> load() {
        JsonNode index = Http.json(Http.gateway().get("/api/docs"));
        List<Operation> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = index.path("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            Response response = Http.gateway().get(service.getValue().asText());
            assertThat(response.statusCode()).as("OpenAPI of %s", service.getKey()).isEqualTo(200);
            JsonNode document = Http.json(response);
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    all.add(operation(service.getKey(), path.getKey(), op.getKey(), op.getValue(),
                            path.getValue().path("parameters"), document));
                }
            }));
        }
        assertThat(all).as("operations published through the gateway").hasSizeGreaterThan(50);
        return List.copyOf(all);
    }

    private static Operation operation(String service, String path, String method, JsonNode op, JsonNode shared,
                                       JsonNode document) {
        List<Param> params = new ArrayList<>();
        for (JsonNode list : List.of(shared, op.path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode param = resolve(document, p);
                params.add(new Param(param.path("name").asText(), param.path("in").asText(),
                        param.path("required").asBoolean(false), param.path("schema")));
            }
        }
        JsonNode body = null;
        String mediaType = null;
        JsonNode content = resolve(document, op.path("requestBody")).path("content");
        if (content.size() > 0) {
            Map.Entry<String, JsonNode> first = content.fields().next();
            mediaType = first.getKey();
            body = first.getValue().path("schema");
        }
        Set<String> roles = null;
        JsonNode security = op.has("security") ? op.get("security") : document.path("security");
        if (security.isArray() && security.size() > 0) {
            Set<String> collected = new LinkedHashSet<>();
            for (JsonNode requirement : security) {
                requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> collected.add(r.asText())));
            }
            roles = Set.copyOf(collected);
        }
        return new Operation(service, method, path, op.path("operationId").asText(method + " " + path), params, body,
                mediaType, roles, document);
    }

    static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current != null && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            current = target;
        }
        if (current != null && current.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            for (JsonNode part : current.get("allOf")) {
                JsonNode resolved = resolve(document, part);
                resolved.fields().forEachRemaining(f -> {
                    if (f.getValue().isObject() && merged.get(f.getKey()) instanceof ObjectNode existing) {
                        existing.setAll((ObjectNode) f.getValue());
                    } else if (f.getValue().isArray() && merged.get(f.getKey()) instanceof ArrayNode existing) {
                        existing.addAll((ArrayNode) f.getValue());
                    } else {
                        merged.set(f.getKey(), f.getValue().deepCopy());
                    }
                });
            }
            current.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("allOf")) {
                    merged.set(f.getKey(), f.getValue());
                }
            });
            return merged;
        }
        return current == null ? NODES.objectNode() : current;
    }

    /** Names that carry the id of a resource, a person or an organisation. */
    static boolean isIdName(String name) {
        return name.equals("id") || name.equals("code") || name.matches("[a-z][A-Za-z]*Id");
    }

    // ---- example values ----------------------------------------------------------------------------------------

    /** A plausible value for a schema: required and optional properties, enums, formats, simple patterns. */
    static JsonNode example(Operation op, JsonNode schema, String name, int depth) {
        JsonNode s = op.resolve(schema);
        if (s.has("enum")) {
            return s.get("enum").get(0);
        }
        if (s.has("examples") && s.get("examples").size() > 0 && !s.path("type").asText().equals("object")) {
            return s.get("examples").get(0);
        }
        String type = s.path("type").asText(s.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                if (depth > 4) {
                    return object;
                }
                s.path("properties").fields().forEachRemaining(p ->
                        object.set(p.getKey(), example(op, p.getValue(), p.getKey(), depth + 1)));
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                if (depth <= 4) {
                    array.add(example(op, s.path("items"), name, depth + 1));
                }
                return array;
            }
            case "integer":
            case "number": {
                long value = s.has("minimum") ? Math.max(s.get("minimum").asLong(), 1) : 1;
                if (name.toLowerCase().contains("duration")) {
                    value = Math.max(value, 60);
                }
                if (s.has("maximum")) {
                    value = Math.min(value, s.get("maximum").asLong());
                }
                return NODES.numberNode(value);
            }
            case "boolean":
                return NODES.booleanNode(name.startsWith("accept") || name.equals("read"));
            default:
                return NODES.textNode(exampleString(s, name));
        }
    }

    private static final Pattern ALTERNATIVES = Pattern.compile("^\\^?\\(?([a-z_\\-]+(?:\\|[a-zA-Z_\\-]+)+)\\)?\\$?$");

    private static String exampleString(JsonNode s, String name) {
        String format = s.path("format").asText("");
        String pattern = s.path("pattern").asText("");
        String lower = name.toLowerCase();
        switch (format) {
            case "uuid":
                return UUID.randomUUID().toString();
            case "date-time":
                return java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(40).withNano(0).toString();
            case "date":
                return java.time.LocalDate.now().plusDays(40).toString();
            case "email":
                return "x-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
            default:
        }
        Matcher alternatives = ALTERNATIVES.matcher(pattern);
        if (alternatives.matches()) {
            return alternatives.group(1).split("\\|")[0];
        }
        if (pattern.contains("[a-z]{2}")) {
            return "fr";
        }
        if (pattern.contains("[A-Z]{2}")) {
            return "FR";
        }
        if (pattern.contains("\\d{14}")) {
            return "73282932000074";
        }
        if (pattern.contains("\\d{4}-\\d{2}")) {
            return java.time.YearMonth.now().toString();
        }
        if (pattern.contains("[0-9 .()-]")) {
            return "+33 1 23 45 67 89";
        }
        if (lower.contains("email")) {
            return "x-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        }
        if (lower.contains("password")) {
            return "Security-suite-2026!";
        }
        if (lower.endsWith("id")) {
            return UUID.randomUUID().toString();
        }
        if (lower.contains("postal") || lower.contains("postcode")) {
            return "75001";
        }
        int min = s.path("minLength").asInt(1);
        String text = "Security suite " + name;
        while (text.length() < min) {
            text = text + " x";
        }
        int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
        return text.length() > max ? text.substring(0, max) : text;
    }
}
