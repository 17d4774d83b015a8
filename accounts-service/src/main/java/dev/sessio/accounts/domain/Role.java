package dev.sessio.accounts.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The realm roles accounts-service hands out; on the wire and in Keycloak as {@code school-admin} etc. */
public enum Role {
    SCHOOL_ADMIN("school-admin"),
    SCHOOL_STAFF("school-staff"),
    MENTOR("mentor"),
    STUDENT("student");

    private final String realmRole;

    Role(String realmRole) {
        this.realmRole = realmRole;
    }

    @JsonValue
    public String realmRole() {
        return realmRole;
    }

    @JsonCreator
    public static Role of(String value) {
        return Arrays.stream(values()).filter(r -> r.realmRole.equals(value) || r.name().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role " + value));
    }

    public boolean isSchoolRole() {
        return this == SCHOOL_ADMIN || this == SCHOOL_STAFF;
    }
}
