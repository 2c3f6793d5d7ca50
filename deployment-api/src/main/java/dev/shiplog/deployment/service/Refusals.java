package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.Verdict;
import dev.shiplog.deployment.domain.Violation;
import dev.shiplog.deployment.domain.access.ProjectRole;
import dev.shiplog.kit.access.AccessDeniedException;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.rest.UnprocessableException;
import java.util.List;

/** The domain's refusals as service-kit's exceptions, each answered with its problem+json (or CommandRejected). */
final class Refusals {

    /** The value of {@code verdict}, or its refusal thrown. */
    static <T> T orThrow(Verdict<T> verdict) {
        if (verdict.refused()) {
            throw exception(verdict.refusal());
        }
        return verdict.value();
    }

    /** Throws {@code refusal}, if there is one. */
    static void throwIf(Refusal refusal) {
        if (refusal != null) {
            throw exception(refusal);
        }
    }

    /** Throws the violations, if there are any: a 400 naming each field and rule. */
    static void throwIf(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
    }

    static InvalidInputException invalid(List<Violation> violations) {
        return new InvalidInputException(violations.stream()
                .map(v -> new InvalidInputException.Violation(v.field(), v.rule())).toList());
    }

    static RuntimeException exception(Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> new InvalidInputException(refusal.field(), refusal.rule());
            case FORBIDDEN -> new AccessDeniedException(refusal.rule());
            case NOT_FOUND -> new NotFoundException(refusal.rule());
            case CONFLICT -> new ConflictException(refusal.field(), refusal.rule());
            case UNPROCESSABLE -> new UnprocessableException(refusal.field(), refusal.rule());
        };
    }

    /** service-kit's role of the same name. */
    static Role role(ProjectRole role) {
        return Role.valueOf(role.name());
    }

    private Refusals() {
    }
}
