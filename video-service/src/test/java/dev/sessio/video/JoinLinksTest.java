package dev.sessio.video;

import dev.sessio.testing.KafkaTestClient;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationConfirmed;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.video.JoinLinkIssued;
import dev.sessio.video.domain.Attendance;
import dev.sessio.video.domain.JoinLink;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** RegistrationConfirmed → a join link; the link's page and join, in and out of the room's window. */
@QuarkusTest
class JoinLinksTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aConfirmedRegistrationGetsOneUnguessableLinkAnnouncedWithItsUrl() throws Exception {
        SessionScheduled session = Sessions.webinar(Instant.now().plus(Duration.ofDays(3)), 60);
        Sessions.scheduledWithRoom(session);
        RegistrationConfirmed confirmed = Sessions.confirmed(session, UUID.randomUUID());

        KafkaTestClient.publish(confirmed, session.sessionId());
        KafkaTestClient.publish(confirmed, session.sessionId()); // sessions-service re-emitted it: still one link

        JoinLinkIssued issued = KafkaTestClient.awaitOne(JoinLinkIssued.class, session.sessionId());
        assertThat(issued.registrationId()).isEqualTo(confirmed.registrationId());
        assertThat(issued.organisationId()).isEqualTo(confirmed.organisationId());
        assertThat(issued.joinUrl()).startsWith("http://localhost:3000/join/");
        String code = issued.joinUrl().substring("http://localhost:3000/join/".length());
        assertThat(Base64.getUrlDecoder().decode(code)).hasSizeGreaterThanOrEqualTo(16);
        Thread.sleep(1000);
        assertThat(KafkaTestClient.published(JoinLinkIssued.class, session.sessionId(), l -> l.size() > 1, Duration.ofSeconds(2)))
                .hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> JoinLink.count("sessionId", session.sessionId())))
                .isEqualTo(1);
    }

    @Test
    void thePageShowsTheSessionAndWhenTheRoomOpens() {
        SessionScheduled session = Sessions.webinar(Instant.now().plus(Duration.ofDays(1)), 90);
        String code = linkFor(session, UUID.randomUUID());

        given().get("/api/video/join/" + code).then().statusCode(200)
                .body("sessionId", equalTo(session.sessionId().toString()))
                .body("title", equalTo(session.title()))
                .body("startsAt", equalTo(session.startsAt().toString()))
                .body("opensAt", equalTo(session.startsAt().minus(Duration.ofMinutes(15)).toString()))
                .body("closesAt", equalTo(session.startsAt().plus(Duration.ofMinutes(90 + 30)).toString()))
                .body("state", equalTo("NOT_YET_OPEN"));
        given().get("/api/video/join/" + code.substring(1) + "x").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void joiningInsideTheWindowGivesAPublisherTokenSignedWithTheApplicationKey() throws Exception {
        SessionScheduled session = Sessions.webinar(Instant.now().plus(Duration.ofDays(1)), 60);
        UUID organisation = UUID.randomUUID();
        String code = linkFor(session, organisation);
        String roomId = Sessions.room(session.sessionId()).providerRoomId;
        clock.runFrom(session.startsAt().minus(Duration.ofMinutes(10)));

        ValidatableResponse joined = join(code, "  Mme Durand — CDI  ").statusCode(200)
                .body("provider", equalTo("vonage"))
                .body("applicationId", equalTo(VonageStub.APPLICATION_ID))
                .body("sessionId", equalTo(roomId))
                .body("role", equalTo("PUBLISHER"))
                .body("meetingUrl", equalTo(null));

        JwtClaims claims = VonageTokens.verified(joined.extract().path("token"));
        assertThat(claims.getClaimValueAsString("session_id")).isEqualTo(roomId);
        assertThat(claims.getClaimValueAsString("role")).isEqualToIgnoringCase("publisher");
        assertThat(claims.getClaimValueAsString("scope")).isEqualTo("session.connect");
        assertThat(claims.getClaimValueAsString("application_id")).isEqualTo(VonageStub.APPLICATION_ID);
        Map<?, ?> data = KafkaTestClient.JSON.readValue(claims.getClaimValueAsString("connection_data"), Map.class);
        assertThat(data.get("displayName")).isEqualTo("Mme Durand — CDI");
        assertThat(data.get("organisationId")).isEqualTo(organisation.toString());
        assertThat(joined.extract().<String>path("connectionData")).isEqualTo(claims.getClaimValueAsString("connection_data"));
        // valid from now until the room closes: 10 min before + 60 min + 30 min margin
        long expectedExpiry = Instant.now().plus(Duration.ofMinutes(100)).getEpochSecond();
        assertThat(claims.getExpirationTime().getValue()).isCloseTo(expectedExpiry, within(60L));

        List<Attendance> attended = QuarkusTransaction.requiringNew().call(() ->
                Attendance.<Attendance>list("sessionId", session.sessionId()));
        assertThat(attended).singleElement().satisfies(a -> {
            assertThat(a.displayName).isEqualTo("Mme Durand — CDI");
            assertThat(a.organisationId).isEqualTo(organisation);
            assertThat(a.joinedAt).isCloseTo(clock.instant(), within(Duration.ofMinutes(1)));
            assertThat(data.get("participantId")).isEqualTo("attendance:" + a.id);
        });
    }

    @Test
    void beforeTheRoomOpensAndAfterItClosesJoiningIsAConflictThatSaysWhen() {
        SessionScheduled session = Sessions.webinar(Instant.now().plus(Duration.ofDays(1)), 60);
        String code = linkFor(session, UUID.randomUUID());
        Instant opensAt = session.startsAt().minus(Duration.ofMinutes(15));

        clock.runFrom(opensAt.minusSeconds(60));
        join(code, "Early").statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://sessio.dev/problems/room-not-open"))
                .body("opensAt", equalTo(opensAt.toString()));
        clock.runFrom(opensAt.plusSeconds(5));
        join(code, "Just in time").statusCode(200);
        clock.runFrom(session.startsAt().plus(Duration.ofMinutes(60 + 30)).plusSeconds(5));
        join(code, "Late").statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://sessio.dev/problems/room-closed"));
        given().get("/api/video/join/" + code).then().statusCode(200).body("state", equalTo("OVER"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Attendance.count("sessionId", session.sessionId())))
                .as("refused joins are not attendance").isEqualTo(1);
    }

    @Test
    void aCancelledRegistrationsLinkStopsWorking() {
        SessionScheduled session = Sessions.webinar(Instant.now().plus(Duration.ofDays(1)), 60);
        UUID organisation = UUID.randomUUID();
        RegistrationConfirmed confirmed = Sessions.confirmed(session, organisation);
        String code = linkFor(session, confirmed);
        clock.runFrom(session.startsAt());
        join(code, "Before cancel").statusCode(200);

        KafkaTestClient.publish(new RegistrationCancelled(confirmed.registrationId(), session.sessionId(), organisation, true,
                "school-admin-1", session.startsAt()), session.sessionId());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                join(code, "After cancel").statusCode(410).contentType(PROBLEM)
                        .body("type", equalTo("https://sessio.dev/problems/join-link-cancelled")));
        given().get("/api/video/join/" + code).then().statusCode(410);
    }

    @Test
    void eachOrganisationsLinkCarriesItsOwnOrganisation() throws Exception {
        SessionScheduled session = Sessions.webinar(Instant.now().plus(Duration.ofDays(1)), 60);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String codeA = linkFor(session, a);
        String codeB = linkFor(session, b);
        assertThat(codeA).isNotEqualTo(codeB);
        clock.runFrom(session.startsAt());

        for (var pair : List.of(Map.entry(codeA, a), Map.entry(codeB, b))) {
            String token = join(pair.getKey(), "Staff").statusCode(200).extract().path("token");
            String data = VonageTokens.verified(token).getClaimValueAsString("connection_data");
            assertThat(KafkaTestClient.JSON.readValue(data, Map.class).get("organisationId")).isEqualTo(pair.getValue().toString());
        }
    }

    @Test
    void displayNamesAreCheckedAfterTrimming() {
        SessionScheduled session = Sessions.webinar(Instant.now().plus(Duration.ofDays(1)), 60);
        String code = linkFor(session, UUID.randomUUID());
        clock.runFrom(session.startsAt());

        for (String bad : List.of("", "   ", "x".repeat(61), "Bell\u0007", "Line\nbreak", "\u202Eevil")) {
            join(code, bad).statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(startsWith("displayName")));
        }
        given().contentType(ContentType.JSON).body("{}").post("/api/video/join/" + code).then().statusCode(400);
        join(code, " " + "é".repeat(60) + " ").statusCode(200);
    }

    private String linkFor(SessionScheduled session, UUID organisation) {
        return linkFor(session, Sessions.confirmed(session, organisation));
    }

    private String linkFor(SessionScheduled session, RegistrationConfirmed confirmed) {
        if (Sessions.room(session.sessionId()) == null) {
            Sessions.scheduledWithRoom(session);
        }
        KafkaTestClient.publish(confirmed, session.sessionId());
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                JoinLink.findByIdOptional(confirmed.registrationId()).isPresent()));
        return QuarkusTransaction.requiringNew().call(() ->
                JoinLink.<JoinLink>findById(confirmed.registrationId()).code);
    }

    private static ValidatableResponse join(String code, String displayName) {
        return given().contentType(ContentType.JSON).body(Map.of("displayName", displayName))
                .post("/api/video/join/" + code).then();
    }
}
