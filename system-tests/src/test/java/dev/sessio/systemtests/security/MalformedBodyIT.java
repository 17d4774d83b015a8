package dev.sessio.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessio.systemtests.security.ApiCatalogue.Operation;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every operation with a JSON request body in the OpenAPI documents, malformed bodies generated from its schema
 * (invalid JSON, not an object, each required field missing, wrong types, huge strings, invalid dates and UUIDs,
 * negative quantities, unknown enum values) answer 400 or 422 problem+json — never 5xx, never success — and
 * nothing changes. Path ids are random, so a body that slips through validation shows up as 404 (a failure).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MalformedBodyIT {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final int HUGE = 100_000;
    static final Set<Integer> REFUSED = Set.of(400, 413, 422);

    static SecurityFixtures f;
    static Map<String, String> before;
    static final AtomicInteger generated = new AtomicInteger();

    /** {@code semantic}: well-formed JSON of the right type that only a business rule refuses (length, sign…). */
    record Case(String label, String body, boolean semantic) {
        Case(String label, String body) {
            this(label, body, false);
        }
    }

    @BeforeAll
    static void fixtures() {
        f = SecurityFixtures.get();
        before = snapshot();
    }

    @AfterAll
    static void report() {
        System.out.println("[security] malformed-body cases generated: " + generated.get());
    }

    @TestFactory
    @Order(1)
    Stream<DynamicContainer> malformedBodiesAreRefusedWithAProblem() {
        List<DynamicContainer> containers = new ArrayList<>();
        for (Operation op : ApiCatalogue.operations()) {
            if (!op.hasJsonBody()) {
                continue;
            }
            Caller caller = callerFor(op);
            List<Case> cases = cases(op);
            generated.addAndGet(cases.size());
            containers.add(DynamicContainer.dynamicContainer(op.toString(), cases.stream().map(c ->
                    DynamicTest.dynamicTest(c.label(), () -> refused(op, caller, c)))));
        }
        assertThat(containers).hasSizeGreaterThan(25);
        return containers.stream();
    }

    @Test
    @Order(2)
    void nothingChanged() {
        assertThat(generated.get()).isGreaterThan(300);
        assertThat(snapshot()).isEqualTo(before);
    }

    private static void refused(Operation op, Caller caller, Case c) {
        // Public operations (sign-up, reset…) are rate-limited per address: each case comes from its own address.
        RequestSpecification spec = caller == null ? Http.gateway(Http.freshAddress())
                : Http.authorized(caller.bearer());
        Response response = IdParameters.send(spec, op, Map.of(), null, c.body());
        String what = op + " [" + c.label() + "] as " + caller + ": " + Http.describe(response);
        // A rule checked against the stored resource may come after the lookup of a (random) path id.
        boolean lookupFirst = c.semantic() && !op.pathParams().isEmpty() && response.statusCode() == 404;
        assertThat(lookupFirst || REFUSED.contains(response.statusCode())).as(what).isTrue();
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(PropertyTamperingIT.INTERNALS.matcher(response.asString()).find()).as(what).isFalse();
    }

    /** A caller allowed to use the operation, so that the body is what gets judged (null for public operations). */
    static Caller callerFor(Operation op) {
        if (op.isPublic()) {
            return null;
        }
        for (Caller caller : List.of(f.a.admin(), f.partnerA, f.mentor, f.trainer, f.ops, f.student, f.demoStaffA, f.jury)) {
            if (op.allows(caller.roles())) {
                return caller;
            }
        }
        throw new AssertionError("no caller has a role of " + op + ": " + op.roles());
    }

    static List<Case> cases(Operation op) {
        ObjectNode base = (ObjectNode) ApiCatalogue.example(op, op.bodySchema(), "body", 0);
        validIds(base);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("invalid JSON", base.toString().substring(0, base.toString().length() / 2)));
        cases.add(new Case("an array instead of an object", "[" + base + "]"));
        cases.add(new Case("a string instead of an object", "\"" + "x".repeat(20) + "\""));
        JsonNode schema = op.resolve(op.bodySchema());
        if (schema.path("required").size() > 0) {
            cases.add(new Case("empty object", "{}"));
        }
        mutations(op, schema, base, base, "", cases, 0);
        return cases;
    }

    /** Each property of an object (and of the objects inside it), one fault at a time. */
    private static void mutations(Operation op, JsonNode schema, ObjectNode root, ObjectNode object, String prefix,
                                  List<Case> cases, int depth) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(p -> properties.put(p.getKey(), op.resolve(p.getValue())));
        for (Map.Entry<String, JsonNode> p : properties.entrySet()) {
            String name = p.getKey();
            String field = prefix + name;
            JsonNode property = p.getValue();
            String type = property.path("type").asText(property.has("properties") ? "object" : "string");
            if (required.contains(name)) {
                cases.add(variant(root, object, name, null, field + " missing"));
                cases.add(variant(root, object, name, NODES.nullNode(), field + " null"));
            }
            switch (type) {
                case "string" -> {
                    cases.add(variant(root, object, name, NODES.objectNode().put("x", 1), field + " an object"));
                    cases.add(variant(root, object, name, NODES.arrayNode().add("a").add("b"), field + " an array"));
                    String format = property.path("format").asText("");
                    if (property.has("enum")) {
                        cases.add(variant(root, object, name, NODES.textNode("NOT_A_VALUE"), field + " unknown enum value"));
                    } else if (format.equals("date-time") || format.equals("date")) {
                        cases.add(variant(root, object, name, NODES.textNode("2026-02-31T25:61:00"), field + " invalid date"));
                        cases.add(variant(root, object, name, NODES.textNode("tomorrow"), field + " not a date"));
                    } else if (format.equals("uuid")) {
                        cases.add(variant(root, object, name, NODES.textNode("not-a-uuid"), field + " not a UUID"));
                    } else {
                        cases.add(semantic(variant(root, object, name, NODES.textNode("x".repeat(HUGE)), field + " huge string")));
                        if (property.has("pattern") && !property.path("pattern").asText().equals("\\S")) {
                            cases.add(semantic(variant(root, object, name, NODES.textNode("%%%\u0000%%%"), field + " against its pattern")));
                        }
                    }
                }
                case "integer", "number" -> {
                    cases.add(variant(root, object, name, NODES.textNode("twelve"), field + " text for a number"));
                    cases.add(variant(root, object, name, NODES.numberNode(new java.math.BigInteger("99999999999999999999999")),
                            field + " beyond 64 bits"));
                    if (property.path("minimum").asDouble(-1) >= 0 || name.matches("(?i).*(quantity|duration|minutes|rating|percent|capacity|amount).*")) {
                        cases.add(semantic(variant(root, object, name, NODES.numberNode(-5), field + " negative")));
                    }
                }
                case "boolean" -> cases.add(variant(root, object, name, NODES.textNode("maybe"), field + " not a boolean"));
                case "array" -> cases.add(variant(root, object, name, NODES.textNode("not-a-list"), field + " not a list"));
                case "object" -> {
                    cases.add(variant(root, object, name, NODES.textNode("not-an-object"), field + " not an object"));
                    if (depth < 2 && object.get(name) instanceof ObjectNode inner && property.has("properties")) {
                        mutations(op, property, root, inner, field + ".", cases, depth + 1);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static Case semantic(Case c) {
        return new Case(c.label(), c.body(), true);
    }

    /**
     * Real ids and names where the body refers to something, so that only the fault is wrong: A's organisation
     * (A's balance is in the snapshot), the demo people, the fixtures' theme.
     */
    private static void validIds(ObjectNode base) {
        Map<String, String> real = Map.of("organisationId", f.a.orgId(), "orgId", f.a.orgId(),
                "trainerId", f.trainer.subject(), "mentorId", f.mentor.subject(), "studentId", f.student.subject(),
                "userId", f.student.subject(), "sessionId", f.sessionId, "theme", f.theme);
        real.forEach((name, value) -> {
            if (base.has(name)) {
                base.put(name, value);
            }
        });
    }

    /** The whole body with one property of {@code object} replaced (or removed when {@code value} is null). */
    private static Case variant(ObjectNode root, ObjectNode object, String name, JsonNode value, String label) {
        JsonNode original = object.get(name);
        if (value == null) {
            object.remove(name);
        } else {
            object.set(name, value);
        }
        String body = root.toString();
        if (original == null) {
            object.remove(name);
        } else {
            object.set(name, original);
        }
        return new Case(label, body);
    }

    /** What the callers above could have changed: A's account and school, and the lists ops and mentors see. */
    static Map<String, String> snapshot() {
        Map<String, String> snapshot = new LinkedHashMap<>();
        Caller a = f.a.admin();
        for (String path : List.of("/api/accounts/me", "/api/accounts/organisation", "/api/accounts/organisation/members",
                "/api/accounts/organisation/api-clients", "/api/tokens/orders", "/api/tokens/balance",
                "/api/notifications/preferences", "/api/registrations")) {
            snapshot.put("A " + path, stripClock(Http.json(f.as(a).get(path))));
        }
        snapshot.put("ops bug reports", total(f.ops, "/api/video/bug-reports"));
        snapshot.put("ops awaiting approval", total(f.ops, "/api/tokens/orders/awaiting-approval"));
        snapshot.put("mentor sessions", total(f.mentor, "/api/mentoring/sessions"));
        snapshot.put("themes", Http.json(Http.gateway().get("/api/sessions/themes")).toString());
        snapshot.put("ops organisations", total(f.ops, "/api/accounts/ops/organisations"));
        return snapshot;
    }

    private static String total(Caller caller, String path) {
        return Http.json(f.as(caller).get(path)).path("total").asText();
    }

    private static String stripClock(JsonNode body) {
        if (body instanceof ObjectNode object) {
            object.remove("expiringBefore");
        }
        return body.toString();
    }
}
