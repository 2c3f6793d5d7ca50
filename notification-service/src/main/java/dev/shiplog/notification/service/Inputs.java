package dev.shiplog.notification.service;

import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.notification.domain.Identifiers;
import dev.shiplog.notification.domain.Violation;
import java.util.List;
import java.util.UUID;

/** The ids a call names, checked ({@link Identifiers}) before anything else: a 400 problem naming the field. */
final class Inputs {

    static void project(String projectId) {
        Identifiers.project(projectId).ifPresent(v -> {
            throw invalid(List.of(v));
        });
    }

    static UUID uuid(String field, String value) {
        return Identifiers.uuid(value).orElseThrow(() -> new InvalidInputException(field, Identifiers.UUID_RULE));
    }

    /** The refusal of {@code violations}, if there are any. */
    static void refuse(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
    }

    private static InvalidInputException invalid(List<Violation> violations) {
        return new InvalidInputException(violations.stream()
                .map(v -> new InvalidInputException.Violation(v.field(), v.rule())).toList());
    }

    private Inputs() {
    }
}
