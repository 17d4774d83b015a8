package dev.sessio.video.api;

import dev.sessio.video.domain.BugReport;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** A bug report as ops and its reporter see it. */
public record BugReportView(UUID id, UUID sessionId, String reporterId, UUID organisationId, String category,
                            String phase, String details, String provider, String providerSessionId,
                            List<String> connectionIds, Map<String, Object> lastConnectionTest, String browser,
                            String status, String triageNote, String triagedBy, Instant triagedAt, Instant createdAt) {

    static BugReportView of(BugReport r) {
        return new BugReportView(r.id, r.sessionId, r.reporterId, r.organisationId,
                r.category.name().toLowerCase(Locale.ROOT), r.phase.name(), r.details, r.provider, r.providerRoomId,
                r.connectionIds, r.connectionTest, r.browser, r.status.name(), r.triageNote, r.triagedBy, r.triagedAt,
                r.createdAt);
    }

    /** A page of a list. */
    public record Page<T>(List<T> items, int page, int size, long total) {
    }
}
