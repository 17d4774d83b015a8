package dev.sessio.video.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.video.config.VideoConfig;
import dev.sessio.video.infra.VideoProvider;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The rules every entry into a room follows: the time window, a room that exists, a token for the role. */
@ApplicationScoped
public class RoomAccess {

    private static final DateTimeFormatter PARIS = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm", Locale.FRENCH)
            .withZone(ZoneId.of("Europe/Paris"));

    private final VideoProvider provider;
    private final VideoConfig config;
    private final Clock clock;
    private final ObjectMapper json;

    public RoomAccess(VideoProvider provider, VideoConfig config, Clock clock, ObjectMapper json) {
        this.provider = provider;
        this.config = config;
        this.clock = clock;
        this.json = json;
    }

    public SessionWindow window(Instant startsAt, int durationMinutes) {
        return new SessionWindow(startsAt, startsAt.plus(Duration.ofMinutes(durationMinutes)),
                config.join().opensBefore(), config.join().closesAfter());
    }

    /** Refuses (409) outside the window, saying when the room opens or that it is over. */
    public void requireOpen(SessionWindow window) {
        switch (window.at(Instant.now(clock))) {
            case NOT_YET_OPEN -> throw ProblemException.conflict("room-not-open", "The room is not open yet",
                            "The room opens at " + window.opensAt() + " (" + PARIS.format(window.opensAt())
                                    + ", Paris time), " + config.join().opensBefore().toMinutes()
                                    + " minutes before the session starts")
                    .with("opensAt", window.opensAt().toString());
            case OVER -> throw ProblemException.conflict("room-closed", "The session is over",
                            "The room closed at " + window.closesAt() + "; the session is over")
                    .with("closedAt", window.closesAt().toString());
            case OPEN -> {
                // come in
            }
        }
    }

    /** Checks the room itself and issues the client access for one participant. */
    public ClientAccess enter(Room room, SessionWindow window, VideoProvider.ParticipantRole role,
                              Map<String, Object> connectionData) {
        if (room.status == Room.Status.CLOSED) {
            throw cancelled();
        }
        requireOpen(window);
        if (room.status != Room.Status.READY) {
            throw ProblemException.conflict("room-not-ready", "The room is being prepared",
                    "The video room is not ready yet; try again in a minute").with("retryAfterSeconds", 30);
        }
        Instant now = Instant.now(clock);
        Duration validFor = window.tokenValidityFrom(now);
        String data = toJson(connectionData);
        String token = provider.clientToken(room.providerRoomId, role, validFor, data).orElse(null);
        return new ClientAccess(provider.name(), provider.applicationId().orElse(null),
                token == null ? null : room.providerRoomId, token, role.name(),
                token == null ? window.closesAt() : now.plus(validFor), data, room.meetingUrl, room.sessionId);
    }

    public static ProblemException cancelled() {
        return new ProblemException(410, "session-cancelled", "Session cancelled", "This session was cancelled");
    }

    public static Map<String, Object> data(String participantId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("participantId", participantId);
        return data;
    }

    private String toJson(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
