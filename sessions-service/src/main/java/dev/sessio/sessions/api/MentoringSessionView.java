package dev.sessio.sessions.api;

import dev.sessio.sessions.domain.MentoringSession;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A mentoring session or defence with what video-service told and the mentor's report.
 *
 * @param tags         {@code EXCEPTION} once a bug was reported
 * @param videoUsed    null while video-service has not told (or cannot tell)
 * @param videoMinutes minutes with both present, from video-service
 * @param report       null until the mentor files it
 */
public record MentoringSessionView(UUID id, String kind, String title, String mentorId, String studentId,
                                   OffsetDateTime startsAt, int durationMinutes, java.util.List<String> tags,
                                   Boolean videoUsed, OffsetDateTime videoFirstJoinAt, OffsetDateTime videoLastLeaveAt,
                                   Integer videoMinutes, ReportView report) {

    public record ReportView(String status, String notes, String videoNotUsedReason, String videoNotUsedDetails,
                             String cancelledBy, Boolean cancelledLate, OffsetDateTime reportedAt) {
    }

    static MentoringSessionView of(MentoringSession s, ZoneId zone) {
        ReportView report = s.reportStatus == null ? null : new ReportView(s.reportStatus.name(), s.reportNotes,
                s.videoNotUsedReason == null ? null : s.videoNotUsedReason.name(), s.videoNotUsedDetails,
                s.cancelledBy == null ? null : s.cancelledBy.name(), s.cancelledLate, Periods.shown(s.reportedAt, zone));
        return new MentoringSessionView(s.id, s.kind.name(), s.title, s.mentorId, s.studentId,
                Periods.shown(s.startsAt, zone), s.durationMinutes,
                s.exception ? java.util.List.of("EXCEPTION") : java.util.List.of(), s.videoUsed,
                Periods.shown(s.videoFirstJoinAt, zone), Periods.shown(s.videoLastLeaveAt, zone), s.videoMinutes,
                report);
    }
}
