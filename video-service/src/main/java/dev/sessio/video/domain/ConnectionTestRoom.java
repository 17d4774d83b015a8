package dev.sessio.video.domain;

import dev.sessio.video.infra.VideoProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The shared room of the waiting room's network test, created once per provider. */
@ApplicationScoped
public class ConnectionTestRoom {

    /** Vonage's pre-call test runs about 30 s; the token lives a little longer. */
    static final Duration TOKEN_TTL = Duration.ofMinutes(10);
    /** Stands for "no Sessio session" when the test room is created at the provider. */
    static final UUID TEST_ROOM = new UUID(0, 0);

    private final VideoProvider provider;
    private final EntityManager em;
    private final Clock clock;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public ConnectionTestRoom(VideoProvider provider, EntityManager em, Clock clock,
                              com.fasterxml.jackson.databind.ObjectMapper json) {
        this.provider = provider;
        this.em = em;
        this.clock = clock;
        this.json = json;
    }

    @Transactional
    public ClientAccess credentials(String userId) {
        if (!provider.tracksUsage()) {
            return new ClientAccess(provider.name(), null, null, null, null, null, null, null, null);
        }
        // The advisory lock makes concurrent first uses create one room.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('video.connection-test-room'))").getSingleResult();
        @SuppressWarnings("unchecked")
        List<String> known = em.createNativeQuery("SELECT provider_room_id FROM connection_test_room WHERE provider = ?1")
                .setParameter(1, provider.name()).getResultList();
        String roomId;
        if (known.isEmpty()) {
            roomId = provider.createRoom(TEST_ROOM).roomId();
            em.createNativeQuery("INSERT INTO connection_test_room (provider, provider_room_id, created_at) VALUES (?1, ?2, ?3)")
                    .setParameter(1, provider.name()).setParameter(2, roomId).setParameter(3, Instant.now(clock))
                    .executeUpdate();
        } else {
            roomId = known.get(0);
        }
        String data;
        try {
            data = json.writeValueAsString(java.util.Map.of("participantId", userId, "purpose", "connection-test"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String token = provider.clientToken(roomId, VideoProvider.ParticipantRole.PUBLISHER, TOKEN_TTL, data).orElseThrow();
        return new ClientAccess(provider.name(), provider.applicationId().orElse(null), roomId, token,
                VideoProvider.ParticipantRole.PUBLISHER.name(), Instant.now(clock).plus(TOKEN_TTL), data, null, null);
    }
}
