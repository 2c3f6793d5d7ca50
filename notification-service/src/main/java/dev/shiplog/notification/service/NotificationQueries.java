package dev.shiplog.notification.service;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.notification.repository.NotificationEntity;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads of the live feed, with the rules their parameters must follow. */
@ApplicationScoped
public class NotificationQueries {

    public static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final AccessGuard access;

    public NotificationQueries(AccessGuard access) {
        this.access = access;
    }

    /**
     * The newest notifications of {@code projectId}, newest first, for anyone with a role in it; {@code limit} as
     * given in the query string.
     */
    public List<Notification> latest(Caller caller, String projectId, String limit) {
        List<Violation> violations = new ArrayList<>();
        if (projectId == null || projectId.isBlank()) {
            violations.add(new Violation("projectId", "is required"));
        } else if (FieldRules.name(projectId) != null) {
            violations.add(new Violation("projectId", FieldRules.NAME_RULE));
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                violations.add(new Violation("limit", "must be a whole number between 1 and " + MAX_LIMIT));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        access.requireToRead(caller, projectId);
        return NotificationEntity.latest(projectId, size).stream().map(NotificationEntity::toDomain).toList();
    }
}
