package dev.sessio.notifications.domain;

import dev.sessio.notifications.infra.EmailTemplates;
import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The in-account notifications: posted next to the emails (whatever the email preferences), read per user. A user
 * sees their own entries and their organisation's; anything else is "not found".
 */
@ApplicationScoped
public class Feed {

    public record Entry(UUID id, String kind, String title, String link, Instant createdAt, boolean read) {
    }

    public record Page(List<Entry> items, int page, int size, long total, long unread) {
    }

    private final EmailTemplates templates;
    private final Clock clock;

    public Feed(EmailTemplates templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    /** Posts to one user ({@code userId}) or, with only {@code organisationId}, to every member of it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void post(UUID organisationId, String userId, EmailKind kind, String locale, Map<String, Object> data,
                     String link) {
        if (organisationId == null && userId == null) {
            return;
        }
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.organisationId = userId == null ? organisationId : null;
        n.userId = userId;
        n.kind = kind.name();
        n.title = templates.subject(kind, Locales.english(locale), data);
        n.link = link;
        n.createdAt = clock.instant();
        n.persist();
    }

    /** Stands for "no organisation" in queries: matches no row (binding a typed null is fragile). */
    private static final UUID NO_ORGANISATION = new UUID(0, 0);

    private static final String VISIBLE = "(n.user_id = :user OR (n.user_id IS NULL AND n.organisation_id = :org))";

    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public Page list(String userId, UUID organisation, boolean unreadOnly, int page, int size) {
        UUID organisationId = organisation == null ? NO_ORGANISATION : organisation;
        var em = Panache.getEntityManager();
        String filter = VISIBLE + (unreadOnly ? " AND r.user_id IS NULL" : "");
        String from = " FROM notification n LEFT JOIN notification_read r ON r.notification_id = n.id AND r.user_id = :user WHERE ";
        List<Object[]> rows = em.createNativeQuery("SELECT n.id, n.kind, n.title, n.link, n.created_at, r.user_id IS NOT NULL"
                        + from + filter + " ORDER BY n.created_at DESC, n.id LIMIT :limit OFFSET :offset")
                .setParameter("user", userId).setParameter("org", organisationId)
                .setParameter("limit", size).setParameter("offset", page * size)
                .getResultList();
        long total = ((Number) em.createNativeQuery("SELECT count(*)" + from + filter)
                .setParameter("user", userId).setParameter("org", organisationId).getSingleResult()).longValue();
        long unread = ((Number) em.createNativeQuery("SELECT count(*)" + from + VISIBLE + " AND r.user_id IS NULL")
                .setParameter("user", userId).setParameter("org", organisationId).getSingleResult()).longValue();
        return new Page(rows.stream().map(Feed::entry).toList(), page, size, total, unread);
    }

    /** Marks one entry read or unread for this user; not theirs (or unknown) answers 404. */
    @Transactional
    public Entry mark(UUID id, String userId, UUID organisation, boolean read) {
        UUID organisationId = organisation == null ? NO_ORGANISATION : organisation;
        var em = Panache.getEntityManager();
        boolean visible = !em.createNativeQuery("SELECT 1 FROM notification n WHERE n.id = :id AND " + VISIBLE)
                .setParameter("id", id).setParameter("user", userId).setParameter("org", organisationId)
                .getResultList().isEmpty();
        if (!visible) {
            throw ProblemException.notFound("Notification " + id);
        }
        if (read) {
            em.createNativeQuery("INSERT INTO notification_read (notification_id, user_id, read_at) VALUES (:id, :user, :at) "
                            + "ON CONFLICT DO NOTHING")
                    .setParameter("id", id).setParameter("user", userId).setParameter("at", clock.instant())
                    .executeUpdate();
        } else {
            em.createNativeQuery("DELETE FROM notification_read WHERE notification_id = :id AND user_id = :user")
                    .setParameter("id", id).setParameter("user", userId).executeUpdate();
        }
        Notification n = Notification.findById(id);
        return new Entry(n.id, n.kind, n.title, n.link, n.createdAt, read);
    }

    private static Entry entry(Object[] row) {
        Object created = row[4];
        Instant at = created instanceof Instant i ? i
                : created instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) created).toInstant();
        return new Entry((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], at, (Boolean) row[5]);
    }
}
