package dev.sessio.events.sessions;

import dev.sessio.events.EventType;

import java.util.UUID;

/**
 * Emitted by sessions-service when a mentor files the report of a mentoring session or defence;
 * feeds the mentors' billing export.
 *
 * @param videoUsed          whether the integrated video tool was used, null when not known yet
 * @param videoNotUsedReason required by the report when the video tool was not used, null otherwise
 * @param exception          true when a bug report was filed: the mentor is paid in full
 */
@EventType(service = "sessions", name = "MentoringSessionReported", version = 1)
public record MentoringSessionReported(
        UUID sessionId,
        String mentorId,
        String studentId,
        SessionKind kind,
        Status status,
        Boolean videoUsed,
        VideoNotUsedReason videoNotUsedReason,
        boolean exception) {

    public enum Status { COMPLETED, CANCELLED, STUDENT_ABSENT }

    /** {@code ACCOMMODATION_RQTH}: an accommodation for a student with a recognised disability (RQTH). */
    public enum VideoNotUsedReason { ACCOMMODATION_RQTH, OTHER }
}
