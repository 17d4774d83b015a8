package dev.sessio.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessio.systemtests.security.ApiCatalogue.Operation;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies that try to set what the caller must not choose — another organisation, a status, a role, a balance, a
 * price, an author — are refused or ignored, checked on what was stored. Responses never carry secrets after
 * creation, password material, stack traces, or another organisation's ids.
 */
class PropertyTamperingIT {

    /** Keys that must never appear in an answer (case-insensitive, JSON keys). */
    static final Pattern SECRET_KEYS = Pattern.compile(
            "\"(password|passwordHash|hash|tokenHash|secret|clientSecret|privateKey|credentials?)\"\\s*:",
            Pattern.CASE_INSENSITIVE);
    /** Traces of internals in an answer. */
    static final Pattern INTERNALS = Pattern.compile(
            "(\\bat (java|org|io|dev|jdk)\\.[\\w.$]+\\(|org\\.hibernate|org\\.postgresql|java\\.lang\\.|SQLState|"
                    + "Exception:|\\bselect .* from\\b)", Pattern.CASE_INSENSITIVE);

    static SecurityFixtures f;

    @BeforeAll
    static void fixtures() {
        f = SecurityFixtures.get();
    }

    @Test
    void signUpCannotChooseItsIdStatusOrRole() {
        String email = "tamper-" + UUID.randomUUID().toString().substring(0, 8) + "@ecole-sec.test";
        Map<String, Object> body = SecurityFixtures.signUpBody("École Tamper " + f.suffix, email, "Security-suite-2026!");
        body.put("organisationId", f.b.orgId());
        body.put("id", f.b.orgId());
        body.put("status", "ACTIVE");
        body.put("role", "ops");
        body.put("roles", List.of("ops"));
        Map<String, Object> organisation = new LinkedHashMap<>((Map<String, Object>) body.get("organisation"));
        organisation.put("id", f.b.orgId());
        organisation.put("status", "ACTIVE");
        body.put("organisation", organisation);
        Map<String, Object> admin = new LinkedHashMap<>((Map<String, Object>) body.get("admin"));
        admin.put("role", "ops");
        admin.put("orgId", f.b.orgId());
        body.put("admin", admin);

        Response response = SecurityFixtures.idempotent(Http.gateway(Http.freshAddress())).contentType("application/json")
                .body(body).post("/api/accounts/signup");
        assertThat(response.statusCode()).as(Http.describe(response)).isIn(201, 400);
        if (response.statusCode() == 201) {
            String id = Http.json(response).path("organisationId").asText();
            assertThat(id).isNotEqualTo(f.b.orgId());
            JsonNode stored = Http.json(f.as(f.ops).get("/api/accounts/ops/organisations/" + id));
            assertThat(stored.path("organisation").path("status").asText()).isEqualTo("PENDING_VERIFICATION");
        }
        JsonNode b = Http.json(f.as(f.ops).get("/api/accounts/ops/organisations/" + f.b.orgId()));
        assertThat(b.path("organisation").path("name").asText()).contains("École Sécurité B");
    }

    @Test
    void anOrderCannotChooseItsOrganisationStatusPriceOrCredit() {
        int balanceBefore = f.balance(f.a.admin());
        int bOrdersBefore = Http.json(f.as(f.b.admin()).get("/api/tokens/orders")).path("total").asInt();
        Map<String, Object> body = f.purchaseOrderBody(f.a, 1);
        body.put("organisationId", f.b.orgId());
        body.put("status", "APPROVED");
        body.put("unitPriceExcludingTax", Map.of("amount", 1, "currency", "EUR"));
        body.put("totals", Map.of("includingTax", Map.of("amount", 1, "currency", "EUR")));
        body.put("price", 1);
        body.put("available", 1000);
        body.put("balance", 1000);
        body.put("invoiceId", f.bInvoiceId);
        Response response = SecurityFixtures.idempotent(f.as(f.a.admin())).contentType("application/json").body(body)
                .post("/api/tokens/orders");
        assertThat(response.statusCode()).as(Http.describe(response)).isIn(201, 400);
        if (response.statusCode() == 201) {
            JsonNode order = Http.json(f.as(f.a.admin()).get("/api/tokens/orders/" + Http.json(response).path("id").asText()));
            assertThat(order.path("organisationId").asText()).isEqualTo(f.a.orgId());
            assertThat(order.path("status").asText()).isEqualTo("AWAITING_APPROVAL");
            assertThat(order.path("invoiceId").isMissingNode() || order.path("invoiceId").isNull()).as(order.toString()).isTrue();
            long offered = Http.json(f.as(f.a.admin()).get("/api/tokens/offers"))
                    .path("offers").get(0).path("unitPrice").path("excludingTax").path("amount").asLong();
            assertThat(order.path("unitPriceExcludingTax").path("amount").asLong()).isEqualTo(offered).isGreaterThan(1);
        }
        assertThat(f.balance(f.a.admin())).isEqualTo(balanceBefore);
        assertThat(Http.json(f.as(f.b.admin()).get("/api/tokens/orders")).path("total").asInt()).isEqualTo(bOrdersBefore);
    }

    @Test
    void aProfileCannotChangeItsRoleOrganisationOrEmail() {
        Caller admin = f.a.admin();
        JsonNode before = Http.json(f.as(admin).get("/api/accounts/me"));
        Response response = f.as(admin).contentType("application/json").body(Map.of("firstName", "Sam",
                        "role", "ops", "roles", List.of("ops"), "orgId", f.b.orgId(), "organisationId", f.b.orgId(),
                        "email", "someone-else@ecole-sec.test", "status", "REMOVED", "userId", f.student.subject()))
                .patch("/api/accounts/me");
        assertThat(response.statusCode()).as(Http.describe(response)).isIn(200, 400);
        JsonNode after = Http.json(f.as(admin).get("/api/accounts/me"));
        assertThat(after.path("user").path("email")).isEqualTo(before.path("user").path("email"));
        assertThat(after.path("user").path("role")).isEqualTo(before.path("user").path("role"));
        assertThat(after.path("user").path("status")).isEqualTo(before.path("user").path("status"));
        assertThat(after.path("organisation").path("id").asText()).isEqualTo(f.a.orgId());
        assertThat(after.path("roles")).isEqualTo(before.path("roles"));
        // A fresh token says the same: role and organisation come from Keycloak, untouched.
        Caller again = Caller.user(f.a.email(), f.a.password());
        assertThat(again.orgId()).isEqualTo(f.a.orgId());
        assertThat(again.roles()).contains("school-admin").doesNotContain("ops");
    }

    @Test
    void anOrganisationCannotChangeItsStatusOrId() {
        Response response = f.as(f.a.admin()).contentType("application/json").body(Map.of(
                        "name", "École Sécurité A " + f.suffix, "id", f.b.orgId(), "status", "SUSPENDED",
                        "verifiedAt", "2020-01-01T00:00:00Z"))
                .patch("/api/accounts/organisation");
        assertThat(response.statusCode()).as(Http.describe(response)).isIn(200, 400);
        JsonNode stored = Http.json(f.as(f.ops).get("/api/accounts/ops/organisations/" + f.a.orgId())).path("organisation");
        assertThat(stored.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(stored.path("id").asText()).isEqualTo(f.a.orgId());
        assertThat(stored.path("verifiedAt").asText()).doesNotStartWith("2020");
    }

    @Test
    void anInvitationCannotGiveARoleOutsideTheSchool() {
        for (String role : List.of("ops", "partner", "mentor", "jury", "SCHOOL_ADMIN ")) {
            Response response = SecurityFixtures.idempotent(f.as(f.a.admin())).contentType("application/json")
                    .body(Map.of("email", "role-" + UUID.randomUUID().toString().substring(0, 6) + "@ecole-sec.test",
                            "role", role)).post("/api/accounts/organisation/members");
            assertThat(response.statusCode()).as(role + ": " + Http.describe(response)).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aBugReportAndFeedbackCannotChooseTheirStatusAuthorOrOrganisation() {
        Response report = SecurityFixtures.idempotent(f.as(f.b.admin())).contentType("application/json").body(Map.of(
                        "category", "video", "details", "Frozen image " + f.suffix, "status", "RESOLVED",
                        "reporterId", f.ops.subject(), "organisationId", f.a.orgId(), "triageNote", "done",
                        "triagedBy", f.ops.subject()))
                .post("/api/video/rooms/" + f.sessionId + "/bug-reports");
        assertThat(report.statusCode()).as(Http.describe(report)).isIn(201, 400);
        if (report.statusCode() == 201) {
            JsonNode stored = Http.json(f.as(f.ops).get("/api/video/bug-reports/" + Http.json(report).path("id").asText()));
            assertThat(stored.path("status").asText()).isEqualTo("OPEN");
            assertThat(stored.path("reporterId").asText()).isEqualTo(f.b.admin().subject());
            assertThat(stored.path("organisationId").asText()).isEqualTo(f.b.orgId());
            assertThat(stored.path("triagedBy").isNull() || stored.path("triagedBy").isMissingNode()).isTrue();
        }
        Response feedback = SecurityFixtures.idempotent(f.as(f.a.admin())).contentType("application/json").body(Map.of(
                        "message", "Good " + f.suffix, "rating", 5, "userId", f.b.admin().subject(), "id", f.bFeedbackId))
                .post("/api/video/feedback");
        assertThat(feedback.statusCode()).as(Http.describe(feedback)).isIn(201, 400);
        if (feedback.statusCode() == 201) {
            JsonNode stored = Http.json(feedback);
            assertThat(stored.path("userId").asText()).isEqualTo(f.a.admin().subject());
            assertThat(stored.path("id").asText()).isNotEqualTo(f.bFeedbackId);
        }
    }

    @Test
    void aMentorCannotPlanForAnotherMentorOrSetAReport() {
        Response response = SecurityFixtures.idempotent(f.as(f.mentor)).contentType("application/json").body(Map.of(
                        "studentId", f.student.subject(), "startsAt", java.time.OffsetDateTime.now().plusDays(
                                java.util.concurrent.ThreadLocalRandom.current().nextInt(300, 900)).withHour(7).withMinute(0)
                                .withSecond(0).withNano(0).toString(),
                        "durationMinutes", 30, "kind", "MENTORING", "mentorId", f.trainer.subject(),
                        "tags", List.of("EXCEPTION"), "videoUsed", true, "videoMinutes", 999))
                .post("/api/mentoring/sessions");
        assertThat(response.statusCode()).as(Http.describe(response)).isIn(201, 400, 409);
        if (response.statusCode() == 201) {
            JsonNode stored = Http.json(f.as(f.ops).get("/api/mentoring/sessions/" + Http.json(response).path("id").asText()));
            assertThat(stored.path("mentorId").asText()).isEqualTo(f.mentor.subject());
            assertThat(stored.path("tags").toString()).doesNotContain("EXCEPTION");
            assertThat(stored.path("videoMinutes").asInt(0)).isNotEqualTo(999);
        }
    }

    @Test
    void apiClientSecretsAreShownOnlyAtCreation() {
        Response list = f.as(f.b.admin()).get("/api/accounts/organisation/api-clients");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.asString()).contains(f.bApiClientClientId).doesNotContain(f.bApiClientSecret);
        assertThat(SECRET_KEYS.matcher(list.asString()).find()).as(list.asString()).isFalse();
    }

    /** Every readable operation without a path parameter, for every caller: no secrets, no internals, no B. */
    @TestFactory
    Stream<DynamicTest> noAnswerLeaksSecretsInternalsOrAnotherOrganisation() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Caller> callers = List.of(f.a.admin(), f.partnerA, f.demoStaffA, f.trainer, f.mentor, f.student, f.jury);
        for (Operation op : ApiCatalogue.operations()) {
            if (!op.method().equals("get") || !op.pathParams().isEmpty()) {
                continue;
            }
            for (Caller caller : op.isPublic() ? List.of(f.a.admin()) : callers) {
                if (!op.isPublic() && !op.allows(caller.roles())) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(op + " as " + caller, () -> {
                    Response response = IdParameters.send(Http.authorized(caller.bearer()), op, Map.of(), null);
                    String body = response.asString();
                    String what = op + " as " + caller + ": " + Http.describe(response);
                    assertThat(response.statusCode()).as(what).isLessThan(500);
                    assertThat(SECRET_KEYS.matcher(body).find()).as(what).isFalse();
                    assertThat(INTERNALS.matcher(body).find()).as(what).isFalse();
                    if (caller.orgId() != null) {
                        // Other schools learn nothing of B (B's trainer, by design, sees who registered).
                        assertThat(body).as(what).doesNotContain(f.b.orgId(), f.b.email(), f.bApiClientClientId,
                                f.bRegistrationId, f.bInvoiceId, f.bMemberEmail);
                    }
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }
}
