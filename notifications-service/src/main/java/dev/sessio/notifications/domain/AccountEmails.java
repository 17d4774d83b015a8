package dev.sessio.notifications.domain;

import dev.sessio.events.accounts.MemberInvited;
import dev.sessio.events.accounts.OrganisationRegistered;
import dev.sessio.events.accounts.OrganisationVerified;
import dev.sessio.events.accounts.PasswordResetRequested;
import dev.sessio.events.accounts.PersonalDataErased;
import dev.sessio.notifications.config.NotificationsConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Account emails (confirmation, welcome, invitation, password reset) and the organisation address book. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AccountEmails {

    private final EmailQueue queue;
    private final Contacts contacts;
    private final NotificationsConfig config;

    public AccountEmails(EmailQueue queue, Contacts contacts, NotificationsConfig config) {
        this.queue = queue;
        this.contacts = contacts;
        this.config = config;
    }

    public void registered(String eventId, OrganisationRegistered e) {
        contacts.remember(e.organisationId(), e.name(), e.adminEmail(), e.adminUserId(), e.locale());
        queue.queue(Outgoing.of(EmailKind.ACCOUNT_CONFIRMATION, e.adminEmail(), e.locale(), Map.of(
                        "firstName", nullToEmpty(e.adminFirstName()),
                        "organisation", e.name(),
                        "resend", e.resend(),
                        "link", link("/confirmation", e.confirmationToken()),
                        "expiresAt", Locales.dateTime(e.confirmationExpiresAt(), e.locale())),
                eventId + ":" + EmailKind.ACCOUNT_CONFIRMATION)
                .organisation(e.organisationId()));
    }

    public void verified(String eventId, OrganisationVerified e) {
        contacts.remember(e.organisationId(), e.name(), e.adminEmail(), e.adminUserId(), e.locale());
        queue.queue(Outgoing.of(EmailKind.WELCOME, e.adminEmail(), e.locale(), Map.of(
                        "organisation", e.name(),
                        "link", config.webBaseUrl() + "/compte"),
                eventId + ":" + EmailKind.WELCOME)
                .organisation(e.organisationId()).user(e.adminUserId()));
    }

    public void invited(String eventId, MemberInvited e) {
        boolean en = Locales.english(e.locale());
        String role = switch (e.role()) {
            case SCHOOL_ADMIN -> en ? "administrator" : "administrateur·rice";
            case SCHOOL_STAFF -> en ? "staff member" : "membre de l'équipe";
        };
        queue.queue(Outgoing.of(EmailKind.INVITATION, e.email(), e.locale(), Map.of(
                        "organisation", e.organisationName(),
                        "role", role,
                        "link", link("/invitation", e.invitationToken()),
                        "expiresAt", Locales.dateTime(e.expiresAt(), e.locale())),
                eventId + ":" + EmailKind.INVITATION)
                .organisation(e.organisationId()));
    }

    public void passwordReset(String eventId, PasswordResetRequested e) {
        String locale = contacts.localeOf(e.userId(), e.locale());
        queue.queue(Outgoing.of(EmailKind.PASSWORD_RESET, e.email(), locale, Map.of(
                        "firstName", nullToEmpty(e.firstName()),
                        "link", link("/mot-de-passe/nouveau", e.resetToken()),
                        "expiresAt", Locales.dateTime(e.expiresAt(), locale)),
                eventId + ":" + EmailKind.PASSWORD_RESET)
                .user(e.userId()));
    }

    /** GDPR: forget the user's address and settings, and blank it in the delivery log. */
    public void erased(PersonalDataErased e) {
        var em = Panache.getEntityManager();
        em.createNativeQuery("DELETE FROM user_profile WHERE user_id = ?1").setParameter(1, e.userId()).executeUpdate();
        em.createNativeQuery("UPDATE email SET recipient = 'erased', html = '', text = '', calendar = NULL "
                + "WHERE user_id = ?1").setParameter(1, e.userId()).executeUpdate();
        em.createNativeQuery("DELETE FROM notification WHERE user_id = ?1").setParameter(1, e.userId()).executeUpdate();
        em.createNativeQuery("DELETE FROM notification_read WHERE user_id = ?1").setParameter(1, e.userId())
                .executeUpdate();
    }

    private String link(String path, String token) {
        return config.webBaseUrl() + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
