package dev.sessio.video;

import dev.sessio.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The waiting room's network test runs in one shared test session. */
@QuarkusTest
class ConnectionTestTest {

    @Test
    void everyoneGetsAShortTokenForTheSameTestSession() {
        VonageStub.server().resetRequests();
        String first = given().header("Authorization", TestTokens.user("student-a").roles("student").bearer())
                .get("/api/video/connection-test").then().statusCode(200).extract().path("token");
        String second = given().header("Authorization", TestTokens.user("staff-b").roles("school-staff").bearer())
                .get("/api/video/connection-test").then().statusCode(200).extract().path("token");

        JwtClaims a = VonageTokens.verified(first);
        JwtClaims b = VonageTokens.verified(second);
        assertThat(a.getClaimValueAsString("session_id")).isEqualTo(b.getClaimValueAsString("session_id"));
        assertThat(a.getClaimValueAsString("connection_data")).contains("student-a").contains("connection-test");
        assertThat(VonageStub.server().findAll(postRequestedFor(urlEqualTo("/session/create")))).hasSizeLessThanOrEqualTo(1);
        given().get("/api/video/connection-test").then().statusCode(401);
    }
}
