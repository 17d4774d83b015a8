package dev.sessio.systemtests;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The platform started by `deploy/local/sessio up` is whole: every part ready, real tokens shaped as agreed. */
class PlatformIT {

    @Test
    void everyServiceIsReadyWithItsDatabaseAndKafka() {
        for (Map.Entry<String, Integer> service : Platform.SERVICES.entrySet()) {
            given().baseUri(Platform.service(service.getKey())).get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void everyServiceWithAnApiServesItsOpenApiDocument() {
        for (String service : new String[]{"accounts-service", "tokens-service", "sessions-service",
                "notifications-service", "video-service"}) {
            given().baseUri(Platform.service(service)).queryParam("format", "json").get("/q/openapi")
                    .then().statusCode(200).body("openapi", startsWith("3."));
        }
    }

    @Test
    void keycloakIssuesTokensWithTheOrganisationRolesAndAudience() {
        String token = Platform.login("admin.a@ecole-a.test", Platform.DEMO_PASSWORD);
        var claims = Platform.claims(token);
        assertThat(claims.getString("org_id")).isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(claims.getList("realm_access.roles", String.class)).contains("school-admin");
        assertThat(claims.get("aud").toString()).contains("sessio-api");
        assertThat(claims.getString("iss")).isEqualTo(Platform.REALM);
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        given().baseUri(Platform.REALM).formParam("grant_type", "password")
                .formParam("client_id", "sessio-system-tests")
                .formParam("username", "admin.a@ecole-a.test").formParam("password", "wrong-password-123")
                .post("/protocol/openid-connect/token")
                .then().statusCode(401);
    }

    @Test
    void theSmtpServerIsReadyForTheServicesMail() {
        given().baseUri(Platform.MAIL_API).get("/api/service/readiness").then().statusCode(200);
    }
}
