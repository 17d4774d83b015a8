package dev.sessio.notifications.domain;

/**
 * What a user may or may not switch off. Required categories (account security, billing, orders, the sessions the
 * organisation paid for) always go out; optional ones follow the user's preferences.
 */
public enum EmailCategory {
    ACCOUNT(true, true),
    BILLING(true, true),
    ORDERS(true, true),
    SESSIONS(true, true),
    TOKENS_EXPIRING(false, true),
    MENTORING_REMINDERS(false, true),
    RECORDINGS(false, true),
    /** A member's own copy of the 48 h join-link email, on top of the organisation's address. Opt-in. */
    JOIN_LINK_COPY(false, false);

    private final boolean required;
    private final boolean enabledByDefault;

    EmailCategory(boolean required, boolean enabledByDefault) {
        this.required = required;
        this.enabledByDefault = enabledByDefault;
    }

    public boolean required() {
        return required;
    }

    public boolean enabledByDefault() {
        return enabledByDefault;
    }
}
