package dev.sessio.notifications.domain;

import java.util.Locale;

/** Every email the platform sends; each has one Qute template pair ({@code templates/emails/<template>.html|txt}). */
public enum EmailKind {
    ACCOUNT_CONFIRMATION(EmailCategory.ACCOUNT),
    WELCOME(EmailCategory.ACCOUNT),
    INVITATION(EmailCategory.ACCOUNT),
    PASSWORD_RESET(EmailCategory.ACCOUNT),
    PURCHASE_RECEIPT(EmailCategory.BILLING),
    INVOICE_AVAILABLE(EmailCategory.BILLING),
    ORDER_AWAITING_APPROVAL(EmailCategory.ORDERS),
    ORDER_TO_APPROVE(EmailCategory.ORDERS),
    ORDER_REJECTED(EmailCategory.ORDERS),
    TOKENS_EXPIRING(EmailCategory.TOKENS_EXPIRING),
    REGISTRATION_CONFIRMED(EmailCategory.SESSIONS),
    JOIN_LINK(EmailCategory.SESSIONS),
    REGISTRATION_RESCHEDULED(EmailCategory.SESSIONS),
    REGISTRATION_CANCELLED(EmailCategory.SESSIONS),
    MENTORING_PLANNED(EmailCategory.SESSIONS),
    MENTORING_RESCHEDULED(EmailCategory.SESSIONS),
    MENTORING_CANCELLED(EmailCategory.SESSIONS),
    MENTORING_REMINDER(EmailCategory.MENTORING_REMINDERS),
    RECORDING_AVAILABLE(EmailCategory.RECORDINGS);

    private final EmailCategory category;

    EmailKind(EmailCategory category) {
        this.category = category;
    }

    public EmailCategory category() {
        return category;
    }

    public String template() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
