package dev.sessio.video;

import dev.sessio.testing.KafkaTestClient;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionRescheduled;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.video.VideoRoomReady;
import dev.sessio.testing.TestTokens;
import dev.sessio.video.domain.ConnectionInterval;
import dev.sessio.video.domain.Room;
import dev.sessio.video.domain.RoomProvisioner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** SessionScheduled/Rescheduled/Cancelled from the real broker → rooms at the (stubbed) Vonage API. */
@QuarkusTest
class RoomsTest {

    @Inject
    RoomProvisioner provisioner;

    @AfterEach
    void restoreStub() {
        VonageStub.stubVideoApi();
    }

    @Test
    void aScheduledSessionGetsOneRoutedVonageSessionEvenWhenTheEventComesAgain() throws Exception {
        VonageStub.server().resetRequests();
        SessionScheduled session = Sessions.mentoring(SessionKind.DEFENCE, Instant.now().plus(Duration.ofDays(2)), 60);
        String eventId = UUID.randomUUID().toString();
        KafkaTestClient.publish(session, session.sessionId(), eventId);
        KafkaTestClient.publish(session, session.sessionId(), eventId);               // redelivery of the same event
        KafkaTestClient.publish(session, session.sessionId());                        // the same fact under another event id
        SessionScheduled marker = Sessions.webinar(Instant.now().plus(Duration.ofDays(3)), 60);
        KafkaTestClient.publish(marker, marker.sessionId());                          // same key order is not needed: we wait

        KafkaTestClient.awaitOne(VideoRoomReady.class, marker.sessionId());
        List<VideoRoomReady> ready = KafkaTestClient.published(VideoRoomReady.class, session.sessionId(), l -> l.size() > 1,
                Duration.ofSeconds(3));

        assertThat(ready).hasSize(1);
        assertThat(ready.get(0).provider()).isEqualTo("vonage");
        assertThat(ready.get(0).roomId()).startsWith("2_MX4stub-");
        List<LoggedRequest> creates = VonageStub.server().findAll(postRequestedFor(urlEqualTo("/session/create")));
        assertThat(creates).as("one session per Sessio session: this one and the marker").hasSize(2);
        for (LoggedRequest create : creates) {
            assertThat(create.getBodyAsString()).contains("p2p.preference=disabled").contains("archiveMode=manual");
            String bearer = create.getHeader("Authorization");
            assertThat(bearer).startsWith("Bearer ");
            JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(VonageStub.publicKey())
                    .setSkipDefaultAudienceValidation().build().processToClaims(bearer.substring(7));
            assertThat(claims.getClaimValueAsString("application_id")).isEqualTo(VonageStub.APPLICATION_ID);
        }
        Room room = Sessions.room(session.sessionId());
        assertThat(room.status).isEqualTo(Room.Status.READY);
        assertThat(room.providerRoomId).isEqualTo(ready.get(0).roomId());
        assertThat(room.mentorId).isEqualTo(session.mentorId());
    }

    @Test
    void aRescheduledSessionKeepsItsRoomAndMovesItsWindow() {
        SessionScheduled session = Sessions.webinar(Instant.now().plus(Duration.ofDays(5)), 60);
        String roomId = Sessions.scheduledWithRoom(session);
        VonageStub.server().resetRequests();
        Instant later = session.startsAt().plus(Duration.ofDays(1));

        KafkaTestClient.publish(new SessionRescheduled(session.sessionId(), session.kind(), session.title(), session.startsAt(),
                later, 90, 1), session.sessionId());

        Sessions.awaitRoom(session.sessionId(), r -> r.startsAt.equals(later));
        Room room = Sessions.room(session.sessionId());
        assertThat(room.providerRoomId).isEqualTo(roomId);
        assertThat(room.durationMinutes).isEqualTo(90);
        assertThat(VonageStub.server().findAll(postRequestedFor(urlEqualTo("/session/create")))).isEmpty();
    }

    @Test
    void aCancelledSessionClosesItsRoomAndDisconnectsWhoIsStillThere() {
        SessionScheduled session = Sessions.mentoring(SessionKind.MENTORING, Instant.now().plus(Duration.ofMinutes(5)), 60);
        String roomId = Sessions.scheduledWithRoom(session);
        QuarkusTransaction.requiringNew().run(() -> {
            ConnectionInterval connected = new ConnectionInterval();
            connected.connectionId = UUID.randomUUID().toString(); // Vonage connection ids are UUIDs
            connected.sessionId = session.sessionId();
            connected.participantId = session.studentId();
            connected.joinedAt = Instant.now();
            connected.persist();
        });

        KafkaTestClient.publish(new SessionCancelled(session.sessionId(), session.kind(), session.title(), session.startsAt(),
                "Mentor ill"), session.sessionId());

        Sessions.awaitRoom(session.sessionId(), r -> r.status == Room.Status.CLOSED);
        VonageStub.server().verify(1, deleteRequestedFor(urlEqualTo(
                "/v2/project/" + VonageStub.APPLICATION_ID + "/session/" + roomId + "/connection/"
                        + connectionOf(session.sessionId()))));
        given().header("Authorization", TestTokens.user(session.studentId()).roles("student").bearer())
                .post("/api/video/rooms/" + session.sessionId() + "/token")
                .then().statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("https://sessio.dev/problems/session-cancelled"));
    }

    @Test
    void whenVonageFailsTheRoomStaysPendingAndIsCreatedOnRetry() {
        VonageStub.server().stubFor(post(urlEqualTo("/session/create")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":500,\"message\":\"down\"}")));
        SessionScheduled session = Sessions.webinar(Instant.now().plus(Duration.ofDays(1)), 60);

        KafkaTestClient.publish(session, session.sessionId());

        Sessions.awaitRoom(session.sessionId(), r -> r.status == Room.Status.PENDING && r.attempts >= 1);
        assertThat(Sessions.room(session.sessionId()).lastError).contains("Vonage");
        VonageStub.stubVideoApi();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            provisioner.retryPending();
            return Sessions.room(session.sessionId()).status == Room.Status.READY;
        });
        assertThat(KafkaTestClient.awaitOne(VideoRoomReady.class, session.sessionId()).roomId())
                .isEqualTo(Sessions.room(session.sessionId()).providerRoomId);
    }

    private static String connectionOf(UUID sessionId) {
        return QuarkusTransaction.requiringNew().call(() ->
                ConnectionInterval.ofSession(sessionId).get(0).connectionId);
    }
}
