package dev.sessio.video.domain;

import dev.sessio.events.video.BugReported;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Bug reports by a session's participants (→ BugReported, the session is paid as an exception), feedback, tests. */
@ApplicationScoped
public class BugReports {

    private final Outbox outbox;
    private final Clock clock;

    public BugReports(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Who reports, from the token only. */
    public record Reporter(String userId, UUID organisationId) {
    }

    public record NewBugReport(String category, String details, List<String> connectionIds, String browser) {
    }

    @Transactional
    public BugReport report(UUID sessionId, Reporter reporter, NewBugReport request) {
        Room room = Room.bySession(sessionId).filter(r -> isParticipant(r, reporter))
                .orElseThrow(() -> ProblemException.notFound("Session " + sessionId));
        Instant now = Instant.now(clock);
        Set<String> connections = new LinkedHashSet<>();
        ConnectionInterval.<ConnectionInterval>list("sessionId = ?1 and participantId = ?2 order by joinedAt",
                sessionId, reporter.userId()).forEach(c -> connections.add(c.connectionId));
        if (request.connectionIds() != null) {
            connections.addAll(request.connectionIds());
        }
        BugReport report = new BugReport();
        report.id = UUID.randomUUID();
        report.sessionId = sessionId;
        report.reporterId = reporter.userId();
        report.organisationId = reporter.organisationId();
        report.category = BugReported.Category.valueOf(request.category().toUpperCase(Locale.ROOT));
        report.phase = now.isBefore(room.startsAt) ? BugReported.Phase.BEFORE
                : now.isBefore(room.endsAt()) ? BugReported.Phase.DURING : BugReported.Phase.AFTER;
        report.details = request.details();
        report.provider = room.provider;
        report.providerRoomId = room.providerRoomId;
        report.connectionIds = List.copyOf(connections);
        report.connectionTest = ConnectionTestResult.latestOf(reporter.userId()).map(t -> t.result).orElse(null);
        report.browser = request.browser();
        report.status = BugReport.Status.OPEN;
        report.createdAt = now;
        report.persist();
        outbox.record(new BugReported(report.id, sessionId, reporter.userId(), report.category, report.phase),
                sessionId, "session/" + sessionId);
        return report;
    }

    /** The mentor, the student, the trainer, or a school holding a live join link to the session. */
    static boolean isParticipant(Room room, Reporter reporter) {
        return room.participant(reporter.userId()).isPresent()
                || reporter.organisationId() != null && JoinLink.activeFor(room.sessionId, reporter.organisationId());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<BugReport> list(BugReport.Status status, int page, int size) {
        var query = status == null ? BugReport.<BugReport>findAll(Sort.descending("createdAt"))
                : BugReport.<BugReport>find("status", Sort.descending("createdAt"), status);
        return query.page(Page.of(page, size)).list();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(BugReport.Status status) {
        return status == null ? BugReport.count() : BugReport.count("status", status);
    }

    /** Ops see every report, a reporter their own; anyone else the same 404 as for an unknown id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public BugReport get(UUID id, String userId, boolean ops) {
        return BugReport.<BugReport>findByIdOptional(id).filter(r -> ops || r.reporterId.equals(userId))
                .orElseThrow(() -> ProblemException.notFound("Bug report " + id));
    }

    @Transactional
    public BugReport triage(UUID id, BugReport.Status status, String note, String opsUserId) {
        BugReport report = BugReport.<BugReport>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Bug report " + id));
        report.status = status;
        report.triageNote = note;
        report.triagedBy = opsUserId;
        report.triagedAt = Instant.now(clock);
        return report;
    }

    @Transactional
    public Feedback feedback(Reporter author, UUID sessionId, Integer rating, String message) {
        Feedback feedback = new Feedback();
        feedback.id = UUID.randomUUID();
        feedback.sessionId = sessionId;
        feedback.userId = author.userId();
        feedback.organisationId = author.organisationId();
        feedback.rating = rating;
        feedback.message = message;
        feedback.createdAt = Instant.now(clock);
        feedback.persist();
        return feedback;
    }

    @Transactional
    public ConnectionTestResult connectionTested(String userId, UUID sessionId, java.util.Map<String, Object> result,
                                                 String browser) {
        ConnectionTestResult tested = new ConnectionTestResult();
        tested.id = UUID.randomUUID();
        tested.userId = userId;
        tested.sessionId = sessionId;
        tested.result = result;
        tested.browser = browser;
        tested.createdAt = Instant.now(clock);
        tested.persist();
        return tested;
    }
}
