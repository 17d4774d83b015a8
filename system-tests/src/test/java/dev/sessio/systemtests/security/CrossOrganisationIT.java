package dev.sessio.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessio.systemtests.security.ApiCatalogue.Operation;
import dev.sessio.systemtests.security.IdParameters.Kind;
import dev.sessio.systemtests.security.IdParameters.Value;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every operation of the OpenAPI documents that takes an id (path, query or body), school A's callers (its
 * admin, its partner client, and the demo school's admin) with school B's ids get 404 — or 403 where their role
 * may not use the operation at all — and B's data is the same afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossOrganisationIT {

    static SecurityFixtures f;
    static IdParameters ids;
    static Map<String, String> before;

    @BeforeAll
    static void fixtures() {
        f = SecurityFixtures.get();
        ids = new IdParameters(f);
        before = snapshotOfB();
    }

    @Test
    @Order(1)
    void everyIdParameterHasAFixture() {
        List<String> missing = new ArrayList<>();
        List<Operation> withIds = ApiCatalogue.operations().stream()
                .filter(op -> !IdParameters.idParameters(op).isEmpty()).toList();
        withIds.forEach(op -> ids.values(op, missing));
        assertThat(missing).as("id parameters without a fixture in IdParameters (add one)").isEmpty();
        assertThat(withIds).as("operations with id parameters").hasSizeGreaterThan(30);
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> schoolAWithSchoolBIds() {
        List<Caller> attackers = List.of(f.a.admin(), f.partnerA, f.demoAdminA);
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : ApiCatalogue.operations()) {
            Map<String, Value> values = ids.values(op, new ArrayList<>());
            if (values.isEmpty() || !targetsSomeoneElse(values)) {
                continue;   // public catalogue items and join codes: nobody's private data
            }
            for (Caller attacker : attackers) {
                tests.add(DynamicTest.dynamicTest(op + " as " + attacker, () -> attack(op, values, attacker)));
            }
        }
        assertThat(tests).hasSizeGreaterThan(60);
        return tests.stream();
    }

    @Test
    @Order(3)
    void schoolBDataIsUnchanged() {
        assertThat(snapshotOfB()).isEqualTo(before);
        // B's API client was neither rotated nor revoked.
        assertThat(Caller.clientCredentialsResponse(f.bApiClientClientId, f.bApiClientSecret).statusCode()).isEqualTo(200);
    }

    static boolean targetsSomeoneElse(Map<String, Value> values) {
        return values.values().stream().anyMatch(v -> v.kind() == Kind.ORGANISATION_B || v.kind() == Kind.PERSON);
    }

    private void attack(Operation op, Map<String, Value> values, Caller attacker) {
        Response response = IdParameters.send(Http.authorized(attacker.bearer()), op, values, null);
        String what = op + " as " + attacker + " with " + values + ": " + Http.describe(response);
        assertThat(response.statusCode()).as(what).isLessThan(500);
        Set<String> roles = attacker.roles();
        if (!op.allows(roles)) {
            assertThat(response.statusCode()).as(what).isEqualTo(403);
        } else if (op.pathParams().stream().anyMatch(p -> values.containsKey("path:" + p.name()))
                || !op.method().equals("get")) {
            assertThat(response.statusCode()).as(what).isEqualTo(404);
        } else {
            // A list filtered by another organisation's id: 404, or the caller's own data (the token's org_id wins).
            assertThat(response.statusCode()).as(what).isIn(200, 404);
            if (response.statusCode() == 200) {
                assertThat(response.asString()).as(what).doesNotContain(f.b.orgId(), f.bInvoiceId, f.bPostingId,
                        f.bApprovedOrderId, f.bRegistrationId);
                JsonNode body = Http.json(response);
                if (body.has("organisationId")) {
                    assertThat(body.path("organisationId").asText()).as(what).isEqualTo(attacker.orgId());
                }
            }
        }
        if (response.statusCode() != 200) {
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        }
    }

    /** B's data as B and ops see it, without values that move with the clock. */
    static Map<String, String> snapshotOfB() {
        Map<String, String> snapshot = new LinkedHashMap<>();
        Caller b = f.b.admin();
        for (String path : List.of("/api/accounts/organisation", "/api/accounts/organisation/members",
                "/api/accounts/organisation/api-clients", "/api/tokens/balance", "/api/tokens/ledger", "/api/tokens/orders",
                "/api/tokens/invoices", "/api/registrations/" + f.bRegistrationId, "/api/video/bug-reports/" + f.bBugReportId,
                "/api/video/feedback/" + f.bFeedbackId, "/api/tokens/orders/" + f.bPendingOrderId,
                "/api/tokens/invoices/" + f.bInvoiceId)) {
            snapshot.put(path, stable(f.as(b).get(path)));
        }
        snapshot.put("ops:/api/accounts/ops/organisations/" + f.b.orgId(),
                stable(f.as(f.ops).get("/api/accounts/ops/organisations/" + f.b.orgId())));
        // The feed may still grow from earlier events; what A could change is the read flag of B's notification.
        JsonNode feed = Http.json(f.as(b).queryParam("size", 100).get("/api/notifications"));
        for (JsonNode item : feed.path("items")) {
            if (item.path("id").asText().equals(f.bNotificationId)) {
                snapshot.put("notification read", item.path("read").asText());
            }
        }
        return snapshot;
    }

    private static String stable(Response response) {
        assertThat(response.statusCode()).as(Http.describe(response)).isEqualTo(200);
        JsonNode body = Http.json(response);
        if (body instanceof ObjectNode object) {
            object.remove("expiringBefore");
        }
        return body.toString();
    }
}
