package dev.sessio.notifications.domain;

import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** What ops see of the email queue, and their resend. */
@ApplicationScoped
public class DeliveryLog {

    public record Slice(List<Email> items, long total) {
    }

    private final Clock clock;

    public DeliveryLog(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Slice list(EmailStatus status, String recipient, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        List<Object> parameters = new java.util.ArrayList<>();
        if (status != null) {
            parameters.add(status);
            query.append(" and status = ?").append(parameters.size());
        }
        if (recipient != null && !recipient.isBlank()) {
            parameters.add(recipient.trim().toLowerCase());
            query.append(" and lower(recipient) = ?").append(parameters.size());
        }
        var found = Email.<Email>find(query.toString(), Sort.descending("createdAt").and("id"), parameters.toArray());
        return new Slice(found.page(Page.of(page, size)).list(), found.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Email get(UUID id) {
        return Email.<Email>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Delivery " + id));
    }

    /**
     * FAILED: queued again as it is (attempts start over). SENT: a new copy is queued (the school lost it).
     * PENDING or SENDING: already on its way, refused.
     */
    @Transactional
    public Email resend(UUID id) {
        Email email = get(id);
        return switch (email.status) {
            case FAILED -> {
                email.status = EmailStatus.PENDING;
                email.attempts = 0;
                email.nextAttemptAt = clock.instant();
                yield email;
            }
            case SENT -> {
                Email copy = new Email();
                copy.id = UUID.randomUUID();
                copy.kind = email.kind;
                copy.recipient = email.recipient;
                copy.organisationId = email.organisationId;
                copy.userId = email.userId;
                copy.locale = email.locale;
                copy.subject = email.subject;
                copy.html = email.html;
                copy.text = email.text;
                copy.calendar = email.calendar;
                copy.calendarMethod = email.calendarMethod;
                copy.status = EmailStatus.PENDING;
                copy.nextAttemptAt = clock.instant();
                copy.createdAt = clock.instant();
                copy.persist();
                yield copy;
            }
            case PENDING, SENDING -> throw ProblemException.conflict("delivery-in-progress",
                    "Already on its way", "Delivery " + id + " is " + email.status + ": it will be sent without a resend");
        };
    }
}
