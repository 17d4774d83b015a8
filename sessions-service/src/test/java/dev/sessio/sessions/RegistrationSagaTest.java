package dev.sessio.sessions;

import dev.sessio.events.accounts.OrganisationRegistered;
import dev.sessio.events.tokens.TokenDebitRejected;
import dev.sessio.events.tokens.TokenDebited;
import dev.sessio.events.tokens.TokenRefunded;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.events.tokens.TokensExpired;
import dev.sessio.events.video.JoinLinkIssued;
import dev.sessio.testing.KafkaTestClient;
import dev.sessio.sessions.domain.OrganisationBalance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.sessio.sessions.Api.as;
import static dev.sessio.sessions.Api.ops;
import static dev.sessio.sessions.Api.problem;
import static dev.sessio.sessions.Api.register;
import static dev.sessio.sessions.Api.registered;
import static dev.sessio.sessions.Api.scheduled;
import static dev.sessio.sessions.Api.schoolAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The saga against the real broker: tokens-service's answers are produced here as tokens-service would (CloudEvents
 * binary headers on tokens.events.v1), and the registration is observed turning CONFIRMED or REJECTED.
 */
@QuarkusTest
class RegistrationSagaTest {

    static final Instant LOT_EXPIRY = Instant.parse("2027-08-31T22:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TestClock clock;
    @Inject
    Events events;

    @BeforeEach
    void startOfNovember() {
        clock.reset();
    }

    @Test
    void aDebitedTokenConfirmsTheRegistrationOnceEvenWhenRedelivered() throws Exception {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(Instant.parse("2026-11-17T09:00:00Z"));
        UUID registration = registered(sessionId, org);

        String eventId = events.send(debited(org, registration, sessionId, 0), org);
        awaitStatus(org, registration, "CONFIRMED");
        events.send(eventId, debited(org, registration, sessionId, 0), org); // redelivery
        // A later event of the same organisation (same partition) proves the redelivered one was consumed.
        events.send(new TokensCredited(org, UUID.randomUUID(), 1, LOT_EXPIRY, TokensCredited.Reason.GRANT, null, 1), org);
        UUID second = awaitRegistered(scheduled(Instant.parse("2026-11-18T09:00:00Z")), org);

        List<Events.Recorded> confirmed = events.recorded("RegistrationConfirmed", "registrationId", registration);
        assertThat(confirmed).hasSize(1);
        assertThat(confirmed.get(0).key()).isEqualTo(sessionId.toString());
        assertThat(confirmed.get(0).payload().get("sessionTitle").asText()).isEqualTo("EcoleDirecte : les bases");
        assertThat(confirmed.get(0).payload().get("durationMinutes").asInt()).isEqualTo(60);
        assertThat(second).isNotNull();
    }

    @Test
    void aNewSchoolThatNeverBoughtATokenIsRefusedAtOnceWithTheWayToBuyTokens() {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(Instant.parse("2026-11-17T09:00:00Z"));
        events.send(new OrganisationRegistered(org, "Collège Jean Moulin", "0750001A", null, "admin-" + org,
                "admin@college.test", "Ada", "Martin", "fr", "secret", Instant.parse("2026-11-03T00:00:00Z"), false),
                org);
        // Known from accounts' events, no ledger event yet: 0 tokens, exactly as a known 0.
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> OrganisationBalance.findById(org) != null));
        register(sessionId, schoolAdmin(org)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(problem("insufficient-tokens")))
                .body("buyTokens", equalTo("/api/tokens/offers"));
        assertThat(events.recorded("RegistrationRequested", "organisationId", org)).isEmpty();

        // Its first tokens: registering works.
        events.send(new TokensCredited(org, UUID.randomUUID(), 1, LOT_EXPIRY, TokensCredited.Reason.PURCHASE, UUID.randomUUID(),
                1), org);
        await().atMost(WAIT).untilAsserted(() -> register(sessionId, schoolAdmin(org)).then().statusCode(202));
    }

    @Test
    void aRejectedDebitRejectsTheRegistrationWithItsReasonAndTheKnownBalanceRefusesAtOnce() {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(Instant.parse("2026-11-17T09:00:00Z"));
        UUID registration = registered(sessionId, org);

        events.send(new TokenDebitRejected(org, registration, sessionId, TokenDebitRejected.Reason.INSUFFICIENT_TOKENS, 0),
                org);
        awaitStatus(org, registration, "REJECTED");
        as(schoolAdmin(org)).get("/api/registrations/" + registration).then()
                .body("rejectionReason", equalTo("INSUFFICIENT_TOKENS"));
        List<Events.Recorded> rejected = events.recorded("RegistrationRejected", "registrationId", registration);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).payload().get("reason").asText()).isEqualTo("INSUFFICIENT_TOKENS");

        // Known balance 0: refused at once, no new PENDING registration, with the way to buy tokens.
        register(sessionId, schoolAdmin(org)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(problem("insufficient-tokens")))
                .body("buyTokens", equalTo("/api/tokens/offers"));
        assertThat(events.recorded("RegistrationRequested", "organisationId", org)).hasSize(1);

        // Tokens bought: registering works again (a rejected registration does not block a new one).
        events.send(new TokensCredited(org, UUID.randomUUID(), 2, LOT_EXPIRY, TokensCredited.Reason.PURCHASE_ORDER,
                UUID.randomUUID(), 2), org);
        awaitRegistered(sessionId, org);
    }

    private static int knownBalance(UUID org) {
        return QuarkusTransaction.requiringNew().call(() -> OrganisationBalance.<OrganisationBalance>findByIdOptional(org)
                .map(b -> b.balance).orElse(-1));
    }

    @Test
    void expiredAndRefundedTokensMoveTheKnownBalance() {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(Instant.parse("2026-11-17T09:00:00Z"));
        events.send(new TokensExpired(org, UUID.randomUUID(), 3, LOT_EXPIRY, 0), org);
        // Register only once the expiry is known: before it, an unknown organisation is let through (PENDING).
        await().atMost(WAIT).until(() -> knownBalance(org) == 0);
        register(sessionId, schoolAdmin(org)).then().statusCode(409)
                .body("type", equalTo(problem("insufficient-tokens")));
        events.send(new TokenRefunded(org, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, LOT_EXPIRY, 1),
                org);
        awaitRegistered(sessionId, org);
    }

    @Test
    void theJoinLinkShowsOnceVideoServiceIssuedIt() {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(Instant.parse("2026-11-17T09:00:00Z"));
        UUID registration = confirmed(sessionId, org);
        String url = "https://video.sessio.test/join/" + registration;
        events.send(new JoinLinkIssued(registration, sessionId, org, url), sessionId);
        await().atMost(WAIT).untilAsserted(() -> as(Api.schoolStaff(org)).get("/api/registrations/" + registration)
                .then().body("joinUrl", equalTo(url)));
        as(Api.schoolStaff(org)).get("/api/registrations").then()
                .body("items.find { it.id == '" + registration + "' }.joinUrl", equalTo(url));
    }

    @Test
    void cancellingAtLeast48HoursAheadRefundsAndLaterDoesNot() {
        UUID org = UUID.randomUUID();
        UUID early = scheduled(Instant.parse("2026-11-05T09:00:00Z"));
        UUID late = scheduled(Instant.parse("2026-11-05T09:00:00Z"));
        UUID refunded = confirmed(early, org);
        UUID kept = confirmed(late, org);

        clock.set(Instant.parse("2026-11-03T09:00:00Z")); // exactly 48 h before both
        as(schoolAdmin(org)).delete("/api/registrations/" + refunded).then().statusCode(200)
                .body("refundable", equalTo(true)).body("registration.status", equalTo("CANCELLED"));
        clock.set(Instant.parse("2026-11-03T09:00:01Z"));
        as(schoolAdmin(org)).delete("/api/registrations/" + kept).then().statusCode(200)
                .body("refundable", equalTo(false)).body("registration.refundable", equalTo(false));
        // Again: the same answer, no second event.
        as(schoolAdmin(org)).delete("/api/registrations/" + kept).then().statusCode(200)
                .body("refundable", equalTo(false));

        List<Events.Recorded> first = events.recorded("RegistrationCancelled", "registrationId", refunded);
        List<Events.Recorded> second = events.recorded("RegistrationCancelled", "registrationId", kept);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).payload().get("refundable").asBoolean()).isTrue();
        assertThat(first.get(0).payload().get("cancelledBy").asText()).isEqualTo("admin-" + org);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).payload().get("refundable").asBoolean()).isFalse();
        // A cancelled registration frees the place: the school may register again.
        register(early, schoolAdmin(org)).then().statusCode(202);

        clock.set(Instant.parse("2026-11-20T09:00:00Z"));
        UUID started = confirmedBefore(Instant.parse("2026-11-19T09:00:00Z"), org);
        as(schoolAdmin(org)).delete("/api/registrations/" + started).then().statusCode(409)
                .body("type", equalTo(problem("session-past")));
    }

    @Test
    void cancellingASessionRefundsConfirmedRegistrationsAndPendingOnesOnceTheirDebitLands() {
        UUID sessionId = scheduled(Instant.parse("2026-11-25T09:00:00Z"));
        UUID confirmedOrg = UUID.randomUUID();
        UUID pendingOrg = UUID.randomUUID();
        UUID confirmed = confirmed(sessionId, confirmedOrg);
        UUID pending = registered(sessionId, pendingOrg);

        as(ops()).body(Map.of("reason", "trainer ill")).post("/api/sessions/" + sessionId + "/cancel")
                .then().statusCode(200);
        as(schoolAdmin(confirmedOrg)).get("/api/registrations/" + confirmed).then()
                .body("status", equalTo("CANCELLED")).body("refundable", equalTo(true));
        as(schoolAdmin(pendingOrg)).get("/api/registrations/" + pending).then().body("status", equalTo("CANCELLED"));
        List<Events.Recorded> refunds = events.recorded("RegistrationCancelled", "sessionId", sessionId);
        assertThat(refunds).extracting(r -> r.payload().get("registrationId").asText())
                .containsExactly(confirmed.toString());
        assertThat(refunds.get(0).payload().get("refundable").asBoolean()).isTrue();
        assertThat(events.recorded("SessionCancelled", "sessionId", sessionId)).hasSize(1);

        events.send(debited(pendingOrg, pending, sessionId, 4), pendingOrg);
        await().atMost(WAIT).until(() -> events.recorded("RegistrationCancelled", "registrationId", pending).size() == 1);
        assertThat(events.recorded("RegistrationCancelled", "registrationId", pending).get(0).payload()
                .get("refundable").asBoolean()).isTrue();
        as(schoolAdmin(pendingOrg)).get("/api/registrations/" + pending).then().body("status", equalTo("CANCELLED"));
    }

    @Test
    void anAnswerForAnUnknownRegistrationGoesToTheDeadLetterTopicAndLaterEventsStillFlow() {
        UUID org = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        events.send(debited(org, unknown, UUID.randomUUID(), 3), org);
        UUID sessionId = scheduled(Instant.parse("2026-11-17T09:00:00Z"));
        UUID registration = registered(sessionId, org);
        events.send(debited(org, registration, sessionId, 2), org);
        awaitStatus(org, registration, "CONFIRMED");

        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readAll("tokens.events.v1.sessions.dlq",
                seen -> seen.stream().anyMatch(r -> r.value().contains(unknown.toString())), WAIT);
        ConsumerRecord<String, String> record = dead.stream().filter(r -> r.value().contains(unknown.toString()))
                .findFirst().orElseThrow();
        assertThat(KafkaTestClient.header(record, "dead-letter-reason")).contains("unknown registration");
    }

    @Test
    void theRelayPublishesSagaEventsToTheSessionsTopicKeyedBySession() {
        UUID org = UUID.randomUUID();
        UUID sessionId = scheduled(Instant.parse("2026-11-17T09:00:00Z"));
        UUID registration = registered(sessionId, org);
        List<ConsumerRecord<String, String>> published = KafkaTestClient.readAll("sessions.events.v1",
                seen -> seen.stream().anyMatch(r -> r.value().contains(registration.toString())), WAIT);
        ConsumerRecord<String, String> requested = published.stream()
                .filter(r -> r.value().contains(registration.toString())).findFirst().orElseThrow();
        assertThat(requested.key()).isEqualTo(sessionId.toString());
        assertThat(KafkaTestClient.header(requested, "ce_type")).isEqualTo("sessio.sessions.RegistrationRequested.v1");
        assertThat(KafkaTestClient.header(requested, "ce_source")).isEqualTo("/sessio/sessions");
    }

    private UUID confirmed(UUID sessionId, UUID org) {
        UUID registration = registered(sessionId, org);
        events.send(debited(org, registration, sessionId, 5), org);
        awaitStatus(org, registration, "CONFIRMED");
        return registration;
    }

    /** A confirmed registration to a session starting at {@code startsAt}, made while the clock was before it. */
    private UUID confirmedBefore(Instant startsAt, UUID org) {
        Instant now = clock.instant();
        clock.reset();
        UUID registration = confirmed(scheduled(startsAt), org);
        clock.set(now);
        return registration;
    }

    private static UUID awaitRegistered(UUID sessionId, UUID org) {
        Response[] answer = new Response[1];
        await().atMost(WAIT).until(() -> {
            answer[0] = register(sessionId, schoolAdmin(org));
            return answer[0].statusCode() == 202;
        });
        return UUID.fromString(answer[0].jsonPath().getString("id"));
    }

    private static void awaitStatus(UUID org, UUID registration, String status) {
        await().atMost(WAIT).untilAsserted(() -> as(schoolAdmin(org)).get("/api/registrations/" + registration)
                .then().statusCode(200).body("status", equalTo(status)));
    }

    private static TokenDebited debited(UUID org, UUID registration, UUID sessionId, int balanceAfter) {
        return new TokenDebited(org, UUID.randomUUID(), registration, sessionId, LOT_EXPIRY, balanceAfter);
    }
}
