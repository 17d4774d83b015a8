package dev.sessio.systemtests;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;

/**
 * Keycloak's admin API on the local realm, for fixtures that need many users fast: school admins made directly
 * (email verified, realm role, {@code org_id} attribute) instead of through sign-up and a mailed link.
 */
public final class KeycloakAdmin {

    /** The iterations fixtures hash passwords with (Keycloak's default costs seconds of CPU per user here). */
    public static final int FIXTURE_HASH_ITERATIONS = 1000;
    private static final String REALM_API = Platform.KEYCLOAK + "/admin/realms/sessio";

    private static String bearer;
    private static Instant bearerUntil = Instant.EPOCH;

    private KeycloakAdmin() {
    }

    /** Keycloak's bootstrap admin (master realm, tokens live 60 s: taken again after 30 s). */
    public static synchronized String bearer() {
        if (Instant.now().isAfter(bearerUntil)) {
            String token = given().baseUri(Platform.KEYCLOAK).formParam("grant_type", "password")
                    .formParam("client_id", "admin-cli")
                    .formParam("username", Platform.secret("KC_BOOTSTRAP_ADMIN_USERNAME"))
                    .formParam("password", Platform.secret("KC_BOOTSTRAP_ADMIN_PASSWORD"))
                    .post("/realms/master/protocol/openid-connect/token")
                    .then().statusCode(200).extract().path("access_token");
            bearer = "Bearer " + token;
            bearerUntil = Instant.now().plusSeconds(30);
        }
        return bearer;
    }

    /** A request on the realm's admin API, as the bootstrap admin. */
    public static RequestSpecification realm() {
        return given().baseUri(REALM_API).header("Authorization", bearer()).contentType(ContentType.JSON);
    }

    /**
     * Runs {@code fixtures} with the realm hashing passwords with {@link #FIXTURE_HASH_ITERATIONS} iterations, then
     * puts the realm's own policy back. Only users created or logged in meanwhile get the cheap hash.
     */
    public static <T> T withCheapPasswordHashing(Callable<T> fixtures) throws Exception {
        String policy = realm().get().then().statusCode(200).extract().path("passwordPolicy");
        String realmPolicy = policy == null ? "" : policy;
        String cheap = realmPolicy.replaceAll("\\s*(and\\s+)?hashIterations\\(\\d+\\)", "").trim();
        cheap = (cheap.isEmpty() ? "" : cheap + " and ") + "hashIterations(" + FIXTURE_HASH_ITERATIONS + ")";
        setPasswordPolicy(cheap);
        try {
            return fixtures.call();
        } finally {
            setPasswordPolicy(realmPolicy);
        }
    }

    private static void setPasswordPolicy(String policy) {
        realm().body(Map.of("passwordPolicy", policy)).put().then().statusCode(204);
    }

    /** A school admin of organisation {@code organisationId}: enabled, email verified, password set; returns its id. */
    public static String createSchoolAdmin(String email, String password, String firstName, String lastName,
                                           UUID organisationId) {
        Map<String, Object> user = new HashMap<>(representation(email, firstName, lastName, organisationId));
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        Response created = realm().body(user).post("/users");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused user " + email + ": " + created.asString());
        }
        String location = created.header("Location");
        String userId = location.substring(location.lastIndexOf('/') + 1);
        realm().body(List.of(schoolAdminRole())).post("/users/" + userId + "/role-mappings/realm")
                .then().statusCode(204);
        return userId;
    }

    /** Moves an existing user to another organisation (its next token carries the new {@code org_id}). */
    public static void moveToOrganisation(String userId, String email, String firstName, String lastName,
                                          UUID organisationId) {
        realm().body(representation(email, firstName, lastName, organisationId)).put("/users/" + userId)
                .then().statusCode(204);
    }

    /** Users whose username contains {@code search}: username → id. */
    public static Map<String, String> users(String search) {
        List<Map<String, Object>> found = realm().queryParam("search", search)
                .queryParam("briefRepresentation", true).queryParam("max", 10_000)
                .get("/users").then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, String> ids = new HashMap<>();
        found.forEach(u -> ids.put((String) u.get("username"), (String) u.get("id")));
        return ids;
    }

    private static Map<String, Object> schoolAdminRole;

    private static synchronized Map<String, Object> schoolAdminRole() {
        if (schoolAdminRole == null) {
            schoolAdminRole = realm().get("/roles/school-admin").then().statusCode(200).extract().as(Map.class);
        }
        return schoolAdminRole;
    }

    private static Map<String, Object> representation(String email, String firstName, String lastName,
                                                      UUID organisationId) {
        return Map.of("username", email, "email", email, "firstName", firstName, "lastName", lastName,
                "enabled", true, "emailVerified", true,
                "attributes", Map.of("org_id", List.of(organisationId.toString())));
    }
}
