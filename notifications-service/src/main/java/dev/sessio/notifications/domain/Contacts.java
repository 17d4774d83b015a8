package dev.sessio.notifications.domain;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** The organisation address book, projected from accounts events (the only place that knows the addresses). */
@ApplicationScoped
public class Contacts {

    private final Clock clock;

    public Contacts(Clock clock) {
        this.clock = clock;
    }

    public void remember(UUID organisationId, String name, String email, String adminUserId, String locale) {
        OrganisationContact contact = OrganisationContact.<OrganisationContact>findByIdOptional(organisationId)
                .orElseGet(() -> {
                    OrganisationContact created = new OrganisationContact();
                    created.organisationId = organisationId;
                    return created;
                });
        contact.name = name;
        contact.email = email;
        contact.adminUserId = adminUserId;
        contact.locale = locale;
        contact.updatedAt = clock.instant();
        contact.persist();
    }

    public Optional<OrganisationContact> of(UUID organisationId) {
        return organisationId == null ? Optional.empty() : OrganisationContact.findByIdOptional(organisationId);
    }

    /** The address and language for an organisation's emails; empty address when unknown (logged, not queued). */
    public Recipient organisation(UUID organisationId) {
        return of(organisationId)
                .map(c -> new Recipient(c.email, c.adminUserId, c.locale, c.name))
                .orElse(new Recipient(null, null, null, ""));
    }

    /** A user's own language wins over the organisation's. */
    public String localeOf(String userId, String fallback) {
        return userId == null ? fallback : UserProfile.<UserProfile>findByIdOptional(userId)
                .map(p -> p.locale).filter(l -> l != null && !l.isBlank()).orElse(fallback);
    }

    public record Recipient(String email, String userId, String locale, String organisationName) {
    }
}
