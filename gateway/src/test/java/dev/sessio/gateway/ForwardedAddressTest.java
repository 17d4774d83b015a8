package dev.sessio.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client address behind per-address limits: Forwarded / X-Forwarded-For count only from a trusted proxy
 * ({@link FakeUpstreams#TRUSTED_PROXY} in the test config).
 */
@QuarkusTest
@QuarkusTestResource(FakeUpstreams.class)
class ForwardedAddressTest {

    static final String RESET = "/api/accounts/password-reset";
    static final String BODY = "{\"email\":\"a@b.test\"}";

    @Test
    void aSpoofedHeaderFromAnUntrustedPeerIsIgnored() {
        FromAddress peer = new FromAddress("127.0.0.5");
        int allowed = 0;
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            // a different forged client each time: were it believed, each would have its own bucket
            HttpResponse<String> answer = peer.send("POST", RESET, BODY,
                    "X-Forwarded-For", "198.51.100." + i, "Forwarded", "for=198.51.100." + (100 + i));
            if (answer.statusCode() == 200) {
                allowed++;
                assertThat(answer.body()).contains("\"forwardedFor\":\"127.0.0.5\"");
            } else if (answer.statusCode() == 429) {
                refused++;
            }
        }
        // the test config allows 3 a minute per address
        assertThat(allowed).isLessThanOrEqualTo(3);
        assertThat(refused).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aTrustedProxyNamesTheClientAndOnlyTheEntryItAdded() {
        FromAddress proxy = new FromAddress(FakeUpstreams.TRUSTED_PROXY);
        for (int i = 0; i < 6; i++) {
            // the client forged the first entry; the proxy appended the address it saw
            HttpResponse<String> answer = proxy.send("POST", RESET, BODY,
                    "X-Forwarded-For", "192.0.2.1, 203.0.113." + i);
            assertThat(answer.statusCode()).as("client %d", i).isEqualTo(200);
            assertThat(answer.body()).contains("\"forwardedFor\":\"203.0.113." + i + "\"");
        }
    }
}
