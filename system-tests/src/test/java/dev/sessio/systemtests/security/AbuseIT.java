package dev.sessio.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up, confirmation resend and password reset hammered from one address hit the gateway's per-address limit
 * (10 a minute, gateway.rate-limit.sensitive-per-address-per-minute) with 429; and no answer tells whether an email
 * has an account: known and unknown emails get the same status and the same body.
 */
class AbuseIT {

    static final int ATTEMPTS = 14;
    static SecurityFixtures f;

    @BeforeAll
    static void fixtures() {
        f = SecurityFixtures.get();
    }

    @Test
    void passwordResetFromOneAddressIsLimited() {
        hammer("/api/accounts/password-reset", () -> Map.of("email", unknownEmail()));
    }

    @Test
    void confirmationResendFromOneAddressIsLimited() {
        hammer("/api/accounts/verify/resend", () -> Map.of("email", unknownEmail()));
    }

    @Test
    void signUpFromOneAddressIsLimited() {
        // Terms not accepted: refused by the service, so nothing is created while the gateway counts.
        hammer("/api/accounts/signup", () -> {
            Map<String, Object> body = SecurityFixtures.signUpBody("École Flood", unknownEmail(), "Security-suite-2026!");
            body.put("acceptTerms", false);
            return body;
        });
    }

    @Test
    void passwordResetDoesNotTellWhetherAnEmailHasAnAccount() {
        Response known = post("/api/accounts/password-reset", Map.of("email", f.a.email()));
        Response unknown = post("/api/accounts/password-reset", Map.of("email", unknownEmail()));
        assertThat(known.statusCode()).as(Http.describe(known)).isEqualTo(202);
        assertSameAnswer(known, unknown);
    }

    @Test
    void confirmationResendDoesNotTellWhetherAnEmailHasAnAccount() {
        Response verified = post("/api/accounts/verify/resend", Map.of("email", f.a.email()));
        Response unknown = post("/api/accounts/verify/resend", Map.of("email", unknownEmail()));
        assertThat(verified.statusCode()).as(Http.describe(verified)).isEqualTo(202);
        assertSameAnswer(verified, unknown);
    }

    @Test
    void theServicesOwnLimitPerEmailIsTheSameForKnownAndUnknownEmails() {
        // accounts-service allows 3 resets per email per window, whoever asks and from wherever.
        String unknown = unknownEmail();
        List<Integer> forKnown = new ArrayList<>();
        List<Integer> forUnknown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            forKnown.add(post("/api/accounts/password-reset", Map.of("email", f.b.email())).statusCode());
            forUnknown.add(post("/api/accounts/password-reset", Map.of("email", unknown)).statusCode());
        }
        assertThat(forUnknown).contains(429);
        assertThat(forKnown).isEqualTo(forUnknown);
    }

    @Test
    void signUpWithATakenEmailDoesNotTellThatItIsTaken() {
        Response taken = post("/api/accounts/signup",
                SecurityFixtures.signUpBody("École Doublon " + f.suffix, f.b.email(), "Security-suite-2026!"));
        Response fresh = post("/api/accounts/signup",
                SecurityFixtures.signUpBody("École Neuve " + f.suffix, unknownEmail(), "Security-suite-2026!"));
        assertThat(fresh.statusCode()).as(Http.describe(fresh)).isEqualTo(201);
        assertSameAnswer(taken, fresh);
        // And the taken address still belongs to B, whose admin can log in as before.
        assertThat(Caller.user(f.b.email(), f.b.password()).orgId()).isEqualTo(f.b.orgId());
    }

    private static void hammer(String path, java.util.function.Supplier<Map<String, Object>> body) {
        InetAddress address = Http.freshAddress();
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        long started = System.nanoTime();
        for (int i = 0; i < ATTEMPTS; i++) {
            Response response = SecurityFixtures.idempotent(Http.gateway(address)).contentType("application/json")
                    .body(body.get()).post(path);
            statuses.add(response.statusCode());
            assertThat(response.statusCode()).as(Http.describe(response)).isLessThan(500);
            if (response.statusCode() == 429 && limited == null) {
                limited = response;
            }
        }
        assertThat(statuses).as(path + " from one address").contains(429);
        // 10 a minute, and the bucket refills while we send (slowly, on a loaded machine).
        long refilled = (System.nanoTime() - started) / 6_000_000_000L + 1;
        assertThat(statuses.stream().filter(s -> s != 429).count()).as(statuses.toString())
                .isLessThanOrEqualTo(10 + refilled);
        assertThat(statuses.get(0)).as(statuses.toString()).isNotEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.header("Retry-After")).isNotBlank();
        // Another address is not affected.
        Response other = SecurityFixtures.idempotent(Http.gateway(Http.freshAddress())).contentType("application/json")
                .body(body.get()).post(path);
        assertThat(other.statusCode()).as(Http.describe(other)).isNotEqualTo(429);
    }

    private static Response post(String path, Map<String, Object> body) {
        return SecurityFixtures.idempotent(Http.gateway(Http.freshAddress())).contentType("application/json")
                .body(body).post(path);
    }

    /** Same status, same content type, and the same JSON shape (keys, and values other than ids). */
    private static void assertSameAnswer(Response known, Response unknown) {
        String what = "known: " + Http.describe(known) + "\nunknown: " + Http.describe(unknown);
        assertThat(known.statusCode()).as(what).isEqualTo(unknown.statusCode());
        assertThat(known.contentType()).as(what).isEqualTo(unknown.contentType());
        assertThat(shape(known)).as(what).isEqualTo(shape(unknown));
    }

    private static String shape(Response response) {
        String body = response.asString();
        if (body.isBlank()) {
            return "";
        }
        JsonNode json = Http.json(response);
        TreeSet<String> shape = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            boolean idLike = field.getKey().toLowerCase().endsWith("id") || field.getValue().asText().matches("[0-9a-f-]{36}");
            shape.add(field.getKey() + (idLike ? "" : "=" + field.getValue()));
        }
        return shape.toString();
    }

    private static String unknownEmail() {
        return "nobody-" + UUID.randomUUID().toString().substring(0, 12) + "@ecole-sec.test";
    }
}
