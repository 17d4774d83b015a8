package dev.sessio.notifications.domain;

import dev.sessio.notifications.infra.EmailTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/**
 * Turns an {@link Outgoing} into a rendered, PENDING {@code email} row in the caller's transaction (the inbox's, for
 * an event): the email exists if and only if the event was applied. The {@link dev.sessio.notifications.infra.EmailWorker}
 * sends it later.
 */
@ApplicationScoped
public class EmailQueue {

    private static final Logger LOG = Logger.getLogger(EmailQueue.class);

    private final EmailTemplates templates;
    private final Preferences preferences;
    private final Clock clock;
    private final DataSource dataSource;

    public EmailQueue(EmailTemplates templates, Preferences preferences, Clock clock, DataSource dataSource) {
        this.dataSource = dataSource;
        this.templates = templates;
        this.preferences = preferences;
        this.clock = clock;
    }

    /** Queues the email; false when there is nobody to send it to, the user opted out, or it was already queued. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean queue(Outgoing email) {
        if (email.recipient() == null || email.recipient().isBlank()) {
            LOG.warnf("%s not queued: no address known (organisation %s, user %s)", email.kind(),
                    email.organisationId(), email.userId());
            return false;
        }
        if (!preferences.wants(email.userId(), email.kind().category())) {
            LOG.debugf("%s not queued: %s opted out of %s", email.kind(), email.userId(), email.kind().category());
            return false;
        }
        String locale = Locales.normalise(email.locale());
        EmailTemplates.Rendered rendered = templates.render(email.kind(), Locales.english(locale), email.data());
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO email (id, kind, dedup_key, recipient, organisation_id, user_id, locale, subject,
                                        html, text, calendar, calendar_method, status, attempts, next_attempt_at,
                                        created_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
                     ON CONFLICT (dedup_key) DO NOTHING""")) {
            Timestamp now = Timestamp.from(clock.instant());
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, email.kind().name());
            insert.setString(3, email.dedupKey());
            insert.setString(4, email.recipient().trim());
            insert.setObject(5, email.organisationId());
            insert.setString(6, email.userId());
            insert.setString(7, locale);
            insert.setString(8, rendered.subject());
            insert.setString(9, rendered.html());
            insert.setString(10, rendered.text());
            insert.setString(11, email.calendar());
            insert.setString(12, email.calendarMethod());
            insert.setTimestamp(13, now);
            insert.setTimestamp(14, now);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot queue " + email.kind(), e);
        }
    }
}
