package dev.sessio.video.domain;

import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.video.infra.VideoProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.UUID;

/** Mentoring sessions and defences: only their mentor (moderator) and student (publisher) get in. */
@ApplicationScoped
public class MentoringRooms {

    private final RoomAccess access;

    public MentoringRooms(RoomAccess access) {
        this.access = access;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ClientAccess token(UUID sessionId, String userId) {
        Room room = mentoredRoomOf(sessionId, userId);
        Room.Participant participant = room.participant(userId).orElseThrow();
        VideoProvider.ParticipantRole role = participant == Room.Participant.MENTOR
                ? VideoProvider.ParticipantRole.MODERATOR : VideoProvider.ParticipantRole.PUBLISHER;
        Map<String, Object> data = RoomAccess.data(userId);
        data.put("role", participant.name().toLowerCase());
        return access.enter(room, access.window(room.startsAt, room.durationMinutes), role, data);
    }

    /** The room when the user is its mentor or student; otherwise the same 404 as an unknown session. */
    public Room mentoredRoomOf(UUID sessionId, String userId) {
        return Room.bySession(sessionId)
                .filter(Room::isMentored)
                .filter(r -> r.participant(userId).filter(p -> p != Room.Participant.TRAINER).isPresent())
                .orElseThrow(() -> ProblemException.notFound("Session " + sessionId));
    }
}
