package dev.sessio.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessio.systemtests.Platform;
import dev.sessio.systemtests.security.ApiCatalogue.Operation;
import dev.sessio.systemtests.security.IdParameters.Value;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles, from the security requirements the services publish (@RolesAllowed appears as the scopes of
 * {@code SecurityScheme}): every role's token on an operation of other roles answers 403; without a token every
 * protected operation answers 401, at the gateway and at the service itself. A partner client acts only for its
 * school.
 */
class RoleMatrixIT {

    static SecurityFixtures f;
    static IdParameters ids;

    @BeforeAll
    static void fixtures() {
        f = SecurityFixtures.get();
        ids = new IdParameters(f);
    }

    @Test
    void theDocumentsPublishTheRolesOfEveryProtectedOperation() {
        List<Operation> withRoles = ApiCatalogue.operations().stream()
                .filter(op -> op.roles() != null && !op.roles().isEmpty()).toList();
        assertThat(withRoles).hasSizeGreaterThan(35);
        Set<String> known = Set.of("school-admin", "school-staff", "trainer", "mentor", "student", "ops", "partner", "jury");
        withRoles.forEach(op -> assertThat(known).as(op.toString()).containsAll(op.roles()));
    }

    @TestFactory
    Stream<DynamicTest> everyRoleOutsideAnOperationsRolesGets403() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : ApiCatalogue.operations()) {
            if (op.roles() == null || op.roles().isEmpty()) {
                continue;
            }
            Map<String, Value> values = ids.values(op, new ArrayList<>());
            for (Caller caller : f.everyRole()) {
                if (!op.allows(caller.roles())) {
                    tests.add(DynamicTest.dynamicTest(op + " as " + caller, () -> {
                        Response response = IdParameters.send(Http.authorized(caller.bearer()), op, values, null);
                        assertThat(response.statusCode()).as(op + " as " + caller + " " + caller.roles() + ": "
                                + Http.describe(response)).isEqualTo(403);
                        assertThat(response.contentType()).as(Http.describe(response)).startsWith("application/problem+json");
                    }));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(150);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenEveryProtectedOperationGets401() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : ApiCatalogue.operations()) {
            if (op.isPublic()) {
                continue;
            }
            Map<String, Value> values = ids.values(op, new ArrayList<>());
            tests.add(DynamicTest.dynamicTest(op + " at the gateway", () -> {
                Response response = IdParameters.send(Http.gateway(), op, values, null);
                assertThat(response.statusCode()).as(Http.describe(response)).isEqualTo(401);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }));
            // Behind the gateway too: each service checks tokens itself.
            tests.add(DynamicTest.dynamicTest(op + " at " + op.service() + "-service", () -> {
                Response response = IdParameters.send(Http.from(Http.freshAddress(),
                        Platform.service(op.service() + "-service")), op, values, null);
                assertThat(response.statusCode()).as(Http.describe(response)).isEqualTo(401);
            }));
        }
        return tests.stream();
    }

    @Test
    void aPartnerClientActsOnlyForItsSchool() {
        assertThat(f.partnerA.roles()).contains("partner").doesNotContain("school-admin", "ops");
        assertThat(f.partnerA.orgId()).isEqualTo(f.a.orgId());

        JsonNode balance = Http.json(Http.authorized(f.partnerA.bearer()).get("/api/tokens/balance"));
        assertThat(balance.path("organisationId").asText()).isEqualTo(f.a.orgId());
        Response orders = Http.authorized(f.partnerA.bearer()).get("/api/tokens/orders");
        assertThat(orders.statusCode()).isEqualTo(200);
        assertThat(orders.asString()).doesNotContain(f.b.orgId(), f.bApprovedOrderId, f.bPendingOrderId);
        // B's things by id: 404, as for anybody outside B.
        for (String path : List.of("/api/tokens/orders/" + f.bApprovedOrderId, "/api/tokens/invoices/" + f.bInvoiceId,
                "/api/registrations/" + f.bRegistrationId, "/api/tokens/ledger/" + f.bPostingId)) {
            Response response = Http.authorized(f.partnerA.bearer()).get(path);
            assertThat(response.statusCode()).as(path + ": " + Http.describe(response)).isEqualTo(404);
        }
        // Partners integrate; they do not administer the school.
        Response members = Http.authorized(f.partnerA.bearer()).get("/api/accounts/organisation/members");
        assertThat(members.statusCode()).as(Http.describe(members)).isEqualTo(403);
        Response clients = Http.authorized(f.partnerA.bearer()).contentType("application/json")
                .body("{\"name\":\"x\"}").post("/api/accounts/organisation/api-clients");
        assertThat(clients.statusCode()).as(Http.describe(clients)).isEqualTo(403);
    }
}
