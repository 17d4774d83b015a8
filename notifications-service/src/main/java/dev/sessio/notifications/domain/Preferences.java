package dev.sessio.notifications.domain;

import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Which optional emails a user wants, their address and language. Required categories cannot be switched off. */
@ApplicationScoped
public class Preferences {

    private final Clock clock;

    public Preferences(Clock clock) {
        this.clock = clock;
    }

    public boolean wants(String userId, EmailCategory category) {
        if (category.required() || userId == null) {
            return true;
        }
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("SELECT enabled FROM user_preference WHERE user_id = ?1 AND category = ?2")
                .setParameter(1, userId).setParameter(2, category.name()).getResultList();
        return rows.isEmpty() ? category.enabledByDefault() : (Boolean) rows.get(0);
    }

    public Map<EmailCategory, Boolean> of(String userId) {
        Map<EmailCategory, Boolean> all = new EnumMap<>(EmailCategory.class);
        for (EmailCategory category : EmailCategory.values()) {
            all.put(category, category.required() || category.enabledByDefault());
        }
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("SELECT category, enabled FROM user_preference WHERE user_id = ?1")
                .setParameter(1, userId).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            try {
                EmailCategory category = EmailCategory.valueOf((String) columns[0]);
                all.put(category, category.required() || (Boolean) columns[1]);
            } catch (IllegalArgumentException retired) {
                // a category no longer offered: ignored
            }
        }
        return all;
    }

    public Optional<UserProfile> profile(String userId) {
        return userId == null ? Optional.empty() : UserProfile.findByIdOptional(userId);
    }

    /**
     * Saves the caller's settings. Their address and organisation come from their token; asking to switch off a
     * required category is refused (422) and nothing is saved.
     */
    @Transactional
    public Map<EmailCategory, Boolean> update(String userId, UUID organisationId, String email, String locale,
                                              Map<EmailCategory, Boolean> changes) {
        changes.forEach((category, enabled) -> {
            if (category.required() && !Boolean.TRUE.equals(enabled)) {
                throw ProblemException.unprocessable("required-email",
                        "This email cannot be switched off",
                        category + " emails are required (security, billing or sessions you paid for)")
                        .with("category", category.name());
            }
        });
        UserProfile profile = UserProfile.<UserProfile>findByIdOptional(userId).orElseGet(() -> {
            UserProfile created = new UserProfile();
            created.userId = userId;
            return created;
        });
        profile.organisationId = organisationId;
        if (email != null) {
            profile.email = email;
        }
        if (locale != null) {
            profile.locale = Locales.normalise(locale);
        }
        profile.updatedAt = clock.instant();
        profile.persist();
        Panache.getEntityManager().flush();
        changes.forEach((category, enabled) -> {
            if (!category.required()) {
                Panache.getEntityManager().createNativeQuery("""
                                INSERT INTO user_preference (user_id, category, enabled) VALUES (?1, ?2, ?3)
                                ON CONFLICT (user_id, category) DO UPDATE SET enabled = excluded.enabled""")
                        .setParameter(1, userId).setParameter(2, category.name()).setParameter(3, enabled)
                        .executeUpdate();
            }
        });
        return of(userId);
    }

    /** Members of an organisation who asked for their own copy of a category (with an address to send it to). */
    @SuppressWarnings("unchecked")
    public List<UserProfile> membersWanting(UUID organisationId, EmailCategory category) {
        return Panache.getEntityManager().createNativeQuery("""
                        SELECT p.* FROM user_profile p JOIN user_preference up ON up.user_id = p.user_id
                        WHERE p.organisation_id = ?1 AND up.category = ?2 AND up.enabled AND p.email IS NOT NULL""",
                        UserProfile.class)
                .setParameter(1, organisationId).setParameter(2, category.name()).getResultList();
    }
}
