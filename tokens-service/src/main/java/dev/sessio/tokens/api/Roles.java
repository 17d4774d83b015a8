package dev.sessio.tokens.api;

/** The realm roles this service checks. */
final class Roles {
    static final String SCHOOL_ADMIN = "school-admin";
    static final String SCHOOL_STAFF = "school-staff";
    static final String PARTNER = "partner";
    static final String OPS = "ops";

    private Roles() {
    }
}
