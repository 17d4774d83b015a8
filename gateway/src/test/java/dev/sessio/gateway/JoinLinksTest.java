package dev.sessio.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.sessio.gateway.FromAddress.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Join links through the gateway with the shipped limits (per code and address, failed lookups per address), against
 * a video-service stand-in knowing one code.
 */
@QuarkusTest
@QuarkusTestResource(FakeUpstreams.class)
class JoinLinksTest {

    static final String JOIN = "/api/video/join/";

    @Test
    void aSchoolOf100BehindOneAddressOpensThePageAndJoins() {
        FromAddress school = new FromAddress("127.0.0.4");
        for (int teacher = 1; teacher <= 100; teacher++) {
            HttpResponse<String> page = school.send("GET", JOIN + FakeUpstreams.JOIN_CODE, null);
            assertThat(page.statusCode()).as("page for teacher %d", teacher).isEqualTo(200);
            HttpResponse<String> joined = school.send("POST", JOIN + FakeUpstreams.JOIN_CODE,
                    "{\"displayName\":\"Teacher " + teacher + "\"}");
            assertThat(joined.statusCode()).as("join for teacher %d", teacher).isEqualTo(200);
            assertThat(header(joined, "RateLimit-Limit")).isEqualTo("300");
            assertThat(header(joined, "RateLimit-Remaining")).isNotNull();
        }
    }

    @Test
    void guessingCodesFromOneAddressIsRefusedAfterTheConfiguredFailuresAndOthersAreNot() {
        FromAddress guesser = new FromAddress("127.0.0.2");
        for (int i = 0; i < 10; i++) {
            assertThat(guesser.send("GET", JOIN + "guess-" + i, null).statusCode()).isEqualTo(404);
        }
        HttpResponse<String> refused = guesser.send("GET", JOIN + "guess-10", null);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(header(refused, "Retry-After")).isNotNull();
        assertThat(header(refused, "RateLimit-Remaining")).isEqualTo("0");
        // Guessing the right code now does not help: the address has no lookups left.
        assertThat(guesser.send("POST", JOIN + FakeUpstreams.JOIN_CODE, "{\"displayName\":\"x\"}").statusCode())
                .isEqualTo(429);

        FromAddress school = new FromAddress("127.0.0.3");
        assertThat(school.send("GET", JOIN + "mistyped", null).statusCode()).isEqualTo(404);
        assertThat(school.send("GET", JOIN + FakeUpstreams.JOIN_CODE, null).statusCode()).isEqualTo(200);
    }

    @Test
    void typosDoNotLockAnAddressOutOfACodeItAlreadyOpened() {
        FromAddress school = new FromAddress("127.0.0.7");
        assertThat(school.send("GET", JOIN + FakeUpstreams.JOIN_CODE, null).statusCode()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(school.send("GET", JOIN + "typo-" + i, null).statusCode()).isEqualTo(404);
        }
        assertThat(school.send("GET", JOIN + "typo-10", null).statusCode()).isEqualTo(429);
        assertThat(school.send("POST", JOIN + FakeUpstreams.JOIN_CODE, "{\"displayName\":\"y\"}").statusCode())
                .isEqualTo(200);
    }
}
