package dev.sessio.notifications.api;

import dev.sessio.notifications.domain.EmailCategory;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import java.util.Map;

/** The caller's email settings. */
public record PreferencesDto(String email, String locale, List<Category> emails) {

    /** One category: whether it is sent to the caller, and whether it may be switched off at all. */
    public record Category(EmailCategory category, boolean enabled, boolean required) {
    }

    /** A change: language ({@code fr} or {@code en}) and/or categories switched on or off. */
    public record Change(@Pattern(regexp = "fr|en|fr-FR|en-GB|en-US", message = "must be fr or en") String locale,
                         Map<EmailCategory, Boolean> emails) {
    }
}
