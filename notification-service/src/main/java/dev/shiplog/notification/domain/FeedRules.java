package dev.shiplog.notification.domain;

import dev.shiplog.schema.rules.FieldRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a project's feed is read: the plain list's parameters ({@code GET /api/notifications?projectId=&limit=}), and
 * what a reader has read (a mark per reader and project: every notification that happened up to it).
 */
public final class FeedRules {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The query's parameters, checked: how many to list, or every rule they break. */
    public record Latest(int limit, List<Violation> violations) {
    }

    /** {@code projectId} and {@code limit} as given in the query string (either may be missing: null). */
    public static Latest latest(String projectId, String limit) {
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
        return new Latest(size, violations);
    }

    /** Whether a notification that happened at {@code occurredAt} is read by a reader whose mark is {@code readUpTo}. */
    public static boolean read(Instant occurredAt, Instant readUpTo) {
        return readUpTo != null && !occurredAt.isAfter(readUpTo);
    }

    private FeedRules() {
    }
}
