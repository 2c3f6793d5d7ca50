package dev.shiplog.notification.domain;

import dev.shiplog.schema.rules.FieldRules;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The ids a caller names: a project's (the catalog's name rule) and subscriptions', deliveries' (UUIDs). */
public final class Identifiers {

    public static final String UUID_RULE = "must be a UUID";

    /** Why {@code projectId} is not a project id, or empty. */
    public static Optional<Violation> project(String projectId) {
        return projectId == null || FieldRules.name(projectId) != null
                ? Optional.of(new Violation("projectId", FieldRules.NAME_RULE)) : Optional.empty();
    }

    /** {@code value} as a UUID, if it is one in its canonical form (any case); empty otherwise. */
    public static Optional<UUID> uuid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equals(value.toLowerCase(Locale.ROOT)) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Identifiers() {
    }
}
