package dev.sessio.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessio.systemtests.Mailbox;
import dev.sessio.systemtests.Platform;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the security suite needs, built once per run through the public API: two freshly signed-up schools (A the
 * attacker, B the victim, both ACTIVE in accounts-service) and B's data of every kind that has an id (member
 * invitation, API client, orders, invoice, ledger posting, registration, join link, notification, email delivery,
 * bug report, feedback), plus a mentoring session, and the demo users of every role.
 */
final class SecurityFixtures {

    static final Duration SAGA = Duration.ofSeconds(60);
    private static volatile SecurityFixtures instance;

    /** A genuine token (20 s lifespan) taken when the fixtures are built, checked again once it has expired. */
    final String earlyToken = Platform.login("sessio-system-tests-short-lived", "student@sessio.test",
            Platform.DEMO_PASSWORD);

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final InetAddress source = Http.freshAddress();

    // demo users, one per role
    final Caller demoAdminA = Caller.demo("admin.a@ecole-a.test");
    final Caller demoStaffA = Caller.demo("staff.a@ecole-a.test");
    final Caller demoAdminB = Caller.demo("admin.b@ecole-b.test");
    final Caller trainer = Caller.demo("trainer@sessio.test");
    final Caller mentor = Caller.demo("mentor@sessio.test");
    final Caller student = Caller.demo("student@sessio.test");
    final Caller ops = Caller.demo("ops@sessio.test");
    final Caller jury = Caller.demo("jury@sessio.test");

    final School a;
    final School b;
    final Caller partnerA;
    final String partnerAClientId;

    // B's data
    final String bMemberId;
    final String bMemberEmail;
    final String bApiClientId;
    final String bApiClientClientId;
    final String bApiClientSecret;
    final String bApprovedOrderId;
    final String bPendingOrderId;
    final String bInvoiceId;
    final String bPostingId;
    final String sessionId;
    final String bRegistrationId;
    final String bJoinCode;
    final String bBugReportId;
    final String bFeedbackId;
    final String bNotificationId;
    final String bDeliveryId;
    final String mentoringSessionId;
    final String theme;

    record School(String label, String orgId, String email, String password, Caller admin) {
    }

    static SecurityFixtures get() {
        if (instance == null) {
            synchronized (SecurityFixtures.class) {
                if (instance == null) {
                    instance = new SecurityFixtures();
                }
            }
        }
        return instance;
    }

    private SecurityFixtures() {
        a = signUp("A");
        b = signUp("B");

        // Partner client of school A: created by its admin, then client credentials at Keycloak.
        JsonNode clientA = Http.json(expect(201, as(a.admin).contentType("application/json")
                .body(Map.of("name", "Partner A " + suffix)).post("/api/accounts/organisation/api-clients")));
        partnerAClientId = clientA.path("clientId").asText();
        partnerA = Caller.partner("partner of A", partnerAClientId, clientA.path("clientSecret").asText());

        JsonNode clientB = Http.json(expect(201, as(b.admin).contentType("application/json")
                .body(Map.of("name", "Partner B " + suffix)).post("/api/accounts/organisation/api-clients")));
        bApiClientId = clientB.path("id").asText();
        bApiClientClientId = clientB.path("clientId").asText();
        bApiClientSecret = clientB.path("clientSecret").asText();

        bMemberEmail = "staff-" + suffix + "@ecole-b.test";
        bMemberId = Http.json(expect(201, idempotent(as(b.admin)).contentType("application/json")
                        .body(Map.of("email", bMemberEmail, "role", "school-staff")).post("/api/accounts/organisation/members")))
                .path("memberId").asText();

        // B buys 2 tokens by purchase order (approved by ops: invoice + credit) and leaves a second one pending.
        bApprovedOrderId = purchaseOrder(b, 2);
        JsonNode approved = Http.json(expect(200, as(ops).post("/api/tokens/orders/" + bApprovedOrderId + "/approve")));
        bInvoiceId = approved.path("invoiceId").asText();
        bPendingOrderId = purchaseOrder(b, 1);
        await().atMost(SAGA).until(() -> balance(b.admin) == 2);
        bPostingId = Http.json(expect(200, as(b.admin).get("/api/tokens/ledger"))).path("items").get(0).path("id").asText();

        // A session in the catalogue, B registered to it (confirmed by the saga, join link issued).
        theme = Http.json(expect(200, Http.gateway().get("/api/sessions/themes"))).get(0).path("name").asText();
        sessionId = scheduleSession();
        // respond-async: the fixture only needs the registration, the saga is awaited below
        bRegistrationId = Http.json(expect(202, idempotent(as(b.admin)).contentType("application/json")
                .header("Prefer", "respond-async")
                .post("/api/sessions/" + sessionId + "/registrations"))).path("id").asText();
        String joinUrl = await().atMost(SAGA).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode registration = Http.json(as(b.admin).get("/api/registrations/" + bRegistrationId));
            return registration.path("status").asText().equals("CONFIRMED") ? registration.path("joinUrl").asText(null) : null;
        }, url -> url != null && !url.isBlank());
        bJoinCode = joinUrl.substring(joinUrl.lastIndexOf('/') + 1);

        // B files a bug report for that session and leaves feedback.
        bBugReportId = await().atMost(SAGA).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Response response = idempotent(as(b.admin)).contentType("application/json")
                    .body(Map.of("category", "audio", "details", "No sound " + suffix))
                    .post("/api/video/rooms/" + sessionId + "/bug-reports");
            return response.statusCode() == 201 ? Http.json(response).path("id").asText(null) : null;
        }, id -> id != null);
        bFeedbackId = Http.json(expect(201, idempotent(as(b.admin)).contentType("application/json")
                .body(Map.of("sessionId", sessionId, "rating", 4, "message", "Fine " + suffix))
                .post("/api/video/feedback"))).path("id").asText();

        // B's in-account feed and the emails sent to B's admin.
        bNotificationId = await().atMost(SAGA).pollInterval(Duration.ofSeconds(1)).until(() ->
                Optional.ofNullable(Http.json(as(b.admin).get("/api/notifications")).path("items").path(0).path("id").asText(null)),
                Optional::isPresent).orElseThrow();
        bDeliveryId = await().atMost(SAGA).pollInterval(Duration.ofSeconds(1)).until(() ->
                Optional.ofNullable(Http.json(as(ops).queryParam("recipient", b.email).get("/api/notifications/deliveries"))
                        .path("items").path(0).path("id").asText(null)), Optional::isPresent).orElseThrow();

        mentoringSessionId = planMentoringSession();
    }

    // ---- building blocks ---------------------------------------------------------------------------------------

    RequestSpecification as(Caller caller) {
        return Http.gateway(source).header("Authorization", caller.bearer());
    }

    static RequestSpecification idempotent(RequestSpecification spec) {
        return spec.header("Idempotency-Key", UUID.randomUUID().toString());
    }

    static Response expect(int status, Response response) {
        assertThat(response.statusCode()).as("fixture request: %s", Http.describe(response)).isEqualTo(status);
        return response;
    }

    /** Sign-up, confirmation link from the mailbox, verified: an ACTIVE school whose admin can log in. */
    School signUp(String label) {
        String email = "admin-" + label.toLowerCase() + "-" + suffix + "@ecole-sec.test";
        String password = "Security-suite-2026!";
        // On a loaded machine the first sign-up may outlast the gateway's timeout: retry with the same key.
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = signUpBody("École Sécurité " + label + " " + suffix, email, password);
        InetAddress address = Http.freshAddress();   // keys are scoped to the caller: retry from the same address
        Response signedUp = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() ->
                Http.gateway(address).header("Idempotency-Key", key).contentType("application/json")
                        .body(body).post("/api/accounts/signup"), r -> r.statusCode() < 500 && r.statusCode() != 409);
        String organisationId = Http.json(expect(201, signedUp)).path("organisationId").asText();
        Mailbox.awaitMessage(email, "token=", SAGA);
        // A repeated sign-up mails a new link and revokes the older ones: use the latest.
        List<String> links = Mailbox.messages(email).stream().filter(m -> m.contains("token=")).toList();
        String confirmation = links.get(links.size() - 1);
        expect(200, Http.gateway(Http.freshAddress()).contentType("application/json")
                .body(Map.of("token", Mailbox.token(confirmation))).post("/api/accounts/verify"));
        Caller admin = Caller.user(email, password);
        assertThat(admin.orgId()).isEqualTo(organisationId);
        return new School(label, organisationId, email, password, admin);
    }

    static Map<String, Object> signUpBody(String name, String email, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", Map.of("name", name, "address",
                Map.of("street", "1 rue de la Paix", "postalCode", "75002", "city", "Paris", "country", "FR")));
        body.put("admin", Map.of("email", email, "password", password, "firstName", "Sam", "lastName", "Secure"));
        body.put("acceptTerms", true);
        body.put("locale", "fr");
        return body;
    }

    String purchaseOrder(School school, int quantity) {
        return Http.json(expect(201, idempotent(as(school.admin)).contentType("application/json")
                .body(purchaseOrderBody(school, quantity)).post("/api/tokens/orders"))).path("id").asText();
    }

    Map<String, Object> purchaseOrderBody(School school, int quantity) {
        return new LinkedHashMap<>(Map.of("quantity", quantity, "paymentMethod", "PURCHASE_ORDER",
                "purchaseOrderReference", "BC-" + suffix,
                "billing", Map.of("name", "École " + school.label, "address", "1 rue de la Paix",
                        "postcode", "75002", "city", "Paris", "country", "FR")));
    }

    int balance(Caller caller) {
        return Http.json(expect(200, as(caller).get("/api/tokens/balance"))).path("available").asInt();
    }

    /** A webinar far enough ahead, at a random hour so that runs do not collide on the trainer's agenda. */
    String scheduleSession() {
        for (int attempt = 0; attempt < 10; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(random.nextInt(30, 300))
                    .truncatedTo(ChronoUnit.HOURS).withHour(random.nextInt(6, 18));
            Response response = idempotent(as(ops)).contentType("application/json").body(Map.of(
                            "title", "Security " + suffix, "theme", theme, "description", "Security suite",
                            "startsAt", startsAt.toString(), "durationMinutes", 60, "trainerId", trainer.subject()))
                    .post("/api/sessions");
            if (response.statusCode() == 201) {
                return Http.json(response).path("id").asText();
            }
            assertThat(response.statusCode()).as(Http.describe(response)).isEqualTo(409);
        }
        throw new AssertionError("no free slot for the trainer");
    }

    String planMentoringSession() {
        for (int attempt = 0; attempt < 10; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(random.nextInt(30, 300))
                    .truncatedTo(ChronoUnit.HOURS).withHour(random.nextInt(6, 18));
            Response response = idempotent(as(mentor)).contentType("application/json").body(Map.of(
                            "studentId", student.subject(), "startsAt", startsAt.toString(), "durationMinutes", 45,
                            "kind", "MENTORING", "title", "Security " + suffix))
                    .post("/api/mentoring/sessions");
            if (response.statusCode() == 201) {
                return Http.json(response).path("id").asText();
            }
            assertThat(response.statusCode()).as(Http.describe(response)).isEqualTo(409);
        }
        throw new AssertionError("no free slot for the mentor");
    }

    /** Every caller with a token, one or more per role; school ones belong to A or to the demo school. */
    List<Caller> everyRole() {
        return List.of(demoAdminA, demoStaffA, partnerA, trainer, mentor, student, ops, jury);
    }

    static Instant expiryOf(String jwt) {
        return Instant.ofEpochSecond(Platform.claims(jwt).getLong("exp"));
    }
}
