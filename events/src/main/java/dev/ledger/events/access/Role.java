package dev.ledger.events.access;

import java.util.Locale;

/** The three roles of API.md §2, spelled in the API in lower case. */
public enum Role {
    CLIENT, ADMIN, AUDITOR;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromApiName(String name) {
        for (Role role : values()) {
            if (role.apiName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role " + name);
    }
}
