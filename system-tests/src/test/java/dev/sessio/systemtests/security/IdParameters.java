package dev.sessio.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessio.systemtests.security.ApiCatalogue.Operation;
import dev.sessio.systemtests.security.ApiCatalogue.Param;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which of the fixtures' ids goes into each id parameter of the OpenAPI documents. Path parameters are keyed by the
 * path up to the parameter ("/api/tokens/orders/{id}"), so that a new operation under a known resource is covered
 * at once; query and body ids by name. An id parameter missing from these tables fails the suite.
 */
final class IdParameters {

    /** Whose thing the id names. */
    enum Kind {
        /** Belongs to school B: any other organisation must get 404 (or 403 when its role is not allowed at all). */
        ORGANISATION_B,
        /** A person outside organisations (mentor, student, trainer) or their mentoring session. */
        PERSON,
        /** Public by design (the catalogue's sessions and themes): no organisation owns it. */
        SHARED,
        /** A secret link (join code): whoever holds it may use it, by design, without logging in. */
        CAPABILITY
    }

    record Value(Kind kind, String value, String why) {
    }

    private final Map<String, Function<SecurityFixtures, Value>> byPathPrefix = new LinkedHashMap<>();
    private final Map<String, Function<SecurityFixtures, Value>> byName = new LinkedHashMap<>();
    private final SecurityFixtures f;

    IdParameters(SecurityFixtures fixtures) {
        this.f = fixtures;
        path("/api/accounts/organisation/members/{id}", x -> b(x.bMemberId, "B's invited member"));
        path("/api/accounts/organisation/api-clients/{id}", x -> b(x.bApiClientId, "B's API client"));
        path("/api/accounts/ops/organisations/{id}", x -> b(x.b.orgId(), "B's organisation"));
        path("/api/accounts/ops/users/{userId}", x -> person(x.student.subject(), "a student"));
        path("/api/accounts/users/{userId}", x -> person(x.student.subject(), "a student"));
        path("/api/tokens/invoices/{id}", x -> b(x.bInvoiceId, "B's invoice"));
        path("/api/tokens/ledger/{postingId}", x -> b(x.bPostingId, "B's ledger posting"));
        path("/api/tokens/orders/{id}", x -> b(x.bPendingOrderId, "B's purchase order awaiting approval"));
        path("/api/registrations/{id}", x -> b(x.bRegistrationId, "B's registration"));
        path("/api/sessions/{id}", x -> new Value(Kind.SHARED, x.sessionId, "a catalogue session (public)"));
        path("/api/sessions/themes/{name}", x -> new Value(Kind.SHARED, x.theme, "a catalogue theme (public)"));
        path("/api/mentoring/sessions/{id}", x -> person(x.mentoringSessionId, "a mentoring session"));
        path("/api/notifications/{id}", x -> b(x.bNotificationId, "a notification of B"));
        path("/api/notifications/deliveries/{id}", x -> b(x.bDeliveryId, "an email sent to B"));
        path("/api/video/bug-reports/{id}", x -> b(x.bBugReportId, "B's bug report"));
        path("/api/video/feedback/{id}", x -> b(x.bFeedbackId, "B's feedback"));
        // The local platform uses the external-link provider, which records nothing: an unknown id stands in.
        path("/api/video/recordings/{id}", x -> person(UUID.randomUUID().toString(), "no recording locally"));
        path("/api/video/rooms/{sessionId}", x -> b(x.sessionId, "the room of B's session (A holds no link)"));
        path("/api/video/join/{code}", x -> new Value(Kind.CAPABILITY, x.bJoinCode, "B's join link code"));

        name("organisationId", x -> b(x.b.orgId(), "B's organisation"));
        name("orgId", x -> b(x.b.orgId(), "B's organisation"));
        name("studentId", x -> person(x.student.subject(), "a student"));
        name("mentorId", x -> person(x.mentor.subject(), "a mentor"));
        name("trainerId", x -> person(x.trainer.subject(), "a trainer"));
        name("userId", x -> person(x.student.subject(), "a student"));
        name("sessionId", x -> new Value(Kind.SHARED, x.sessionId, "a catalogue session (public)"));
    }

    private void path(String prefix, Function<SecurityFixtures, Value> value) {
        byPathPrefix.put(prefix, value);
    }

    private void name(String name, Function<SecurityFixtures, Value> value) {
        byName.put(name, value);
    }

    private static Value b(String id, String why) {
        return new Value(Kind.ORGANISATION_B, id, why);
    }

    private static Value person(String id, String why) {
        return new Value(Kind.PERSON, id, why);
    }

    /** The value for a path parameter, or null when the tables do not know it. */
    Value pathValue(Operation op, Param param) {
        String placeholder = "{" + param.name() + "}";
        String prefix = op.path().substring(0, op.path().indexOf(placeholder) + placeholder.length());
        Function<SecurityFixtures, Value> value = byPathPrefix.get(prefix);
        return value == null ? null : value.apply(f);
    }

    Value namedValue(String name) {
        Function<SecurityFixtures, Value> value = byName.get(name);
        return value == null ? null : value.apply(f);
    }

    /** The id fields at the top level (or one object down) of an operation's request body. */
    static List<String> bodyIdFields(Operation op) {
        List<String> fields = new ArrayList<>();
        if (!op.hasJsonBody()) {
            return fields;
        }
        JsonNode schema = op.resolve(op.bodySchema());
        schema.path("properties").fields().forEachRemaining(p -> {
            JsonNode property = op.resolve(p.getValue());
            if (ApiCatalogue.isIdName(p.getKey()) && !property.path("type").asText().equals("array")) {
                fields.add(p.getKey());
            }
        });
        return fields;
    }

    /** Every id parameter of an operation, with where it is. */
    static List<String> idParameters(Operation op) {
        List<String> ids = new ArrayList<>();
        op.pathParams().forEach(p -> ids.add("path:" + p.name()));
        op.queryParams().stream().filter(p -> ApiCatalogue.isIdName(p.name())).forEach(p -> ids.add("query:" + p.name()));
        bodyIdFields(op).forEach(name -> ids.add("body:" + name));
        return ids;
    }

    /** Values for every id parameter, or a description of those without a fixture. */
    Map<String, Value> values(Operation op, List<String> missing) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (String id : idParameters(op)) {
            String where = id.substring(0, id.indexOf(':'));
            String name = id.substring(id.indexOf(':') + 1);
            Value value = where.equals("path")
                    ? pathValue(op, op.pathParams().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow())
                    : namedValue(name);
            if (value == null) {
                missing.add(op + " " + id);
            } else {
                values.put(id, value);
            }
        }
        return values;
    }

    /**
     * Sends the operation with the given ids; other parameters and the body get example values from the schema.
     * Path parameters without an id value get a random UUID.
     */
    static Response send(RequestSpecification spec, Operation op, Map<String, Value> ids, JsonNode bodyOverride) {
        return send(spec, op, ids, bodyOverride, null);
    }

    /** As above; {@code rawBody}, when given, is sent as it is (malformed JSON included). */
    static Response send(RequestSpecification spec, Operation op, Map<String, Value> ids, JsonNode bodyOverride,
                         String rawBody) {
        String path = op.path();
        for (Param p : op.pathParams()) {
            Value value = ids.get("path:" + p.name());
            path = path.replace("{" + p.name() + "}", value != null ? value.value() : UUID.randomUUID().toString());
        }
        for (Param p : op.queryParams()) {
            Value value = ids.get("query:" + p.name());
            if (value != null) {
                spec = spec.queryParam(p.name(), value.value());
            } else if (p.required()) {
                spec = spec.queryParam(p.name(), ApiCatalogue.example(op, p.schema(), p.name(), 1).asText());
            }
        }
        if (op.method().equals("post") || op.method().equals("put")) {
            spec = spec.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (rawBody != null) {
            spec = spec.contentType("application/json").body(rawBody);
        } else if (bodyOverride != null) {
            spec = spec.contentType("application/json").body(bodyOverride.toString());
        } else if (op.hasJsonBody()) {
            ObjectNode body = (ObjectNode) ApiCatalogue.example(op, op.bodySchema(), "body", 0);
            ids.forEach((id, value) -> {
                if (id.startsWith("body:")) {
                    body.put(id.substring(5), value.value());
                }
            });
            spec = spec.contentType("application/json").body(body.toString());
        } else if (op.bodySchema() != null) {
            spec = spec.contentType(op.bodyMediaType().equals("*/*") ? "application/json" : op.bodyMediaType()).body("{}");
        } else if (!op.method().equals("get") && !op.method().equals("delete")) {
            // As the front end does; without it some resources answer 415 before looking at the token.
            spec = spec.contentType("application/json");
        }
        return spec.request(op.method().toUpperCase(), path);
    }
}
