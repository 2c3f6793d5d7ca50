package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.Refusal;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.rest.UnprocessableException;

/** The domain's refusals as the problem+json exceptions of service-kit (400, 404, 409, 422). */
final class Refusals {

    /** Throws the problem {@code refusal} is; nothing if it is null (nothing refused). */
    static void raise(Refusal refusal) {
        if (refusal instanceof Refusal.Invalid invalid) {
            throw new InvalidInputException(invalid.violations().stream()
                    .map(v -> new InvalidInputException.Violation(v.field(), v.rule())).toList());
        } else if (refusal instanceof Refusal.NotFound notFound) {
            throw new NotFoundException(notFound.message());
        } else if (refusal instanceof Refusal.Conflict conflict) {
            throw new ConflictException(conflict.field(), conflict.rule());
        } else if (refusal instanceof Refusal.Unprocessable unprocessable) {
            throw new UnprocessableException(unprocessable.field(), unprocessable.rule());
        }
    }

    private Refusals() {
    }
}
