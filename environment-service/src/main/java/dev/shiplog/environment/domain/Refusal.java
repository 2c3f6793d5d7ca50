package dev.shiplog.environment.domain;

import dev.shiplog.schema.rules.EventRules.Violation;
import java.util.List;

/**
 * Why a command cannot be done, as a value: the rules answer it, the service layer turns it into the problem+json
 * the API answers with (400 invalid, 404 not found, 409 conflict, 422 unprocessable).
 */
public sealed interface Refusal {

    /** Input that breaks rules, each naming its field (400). */
    record Invalid(List<Violation> violations) implements Refusal {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    /** What the command is about does not exist (404). */
    record NotFound(String message) implements Refusal {
    }

    /** The state of things refuses it (409), about {@code field}. */
    record Conflict(String field, String rule) implements Refusal {
    }

    /** Well-formed, but it cannot be done as asked (422). */
    record Unprocessable(String field, String rule) implements Refusal {
    }

    /** The refusal of {@code violations}, or null when there are none. */
    static Refusal ifAny(List<Violation> violations) {
        return violations.isEmpty() ? null : new Invalid(violations);
    }
}
