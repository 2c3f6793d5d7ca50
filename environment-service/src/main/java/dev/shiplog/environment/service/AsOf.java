package dev.shiplog.environment.service;

import dev.shiplog.kit.rest.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The {@code ?asOf=} of a query: the instant whose state is asked for. */
final class AsOf {

    /** {@code asOf} as an instant, null if absent; 400 naming it if it is not one. */
    static Instant parse(String asOf) {
        if (asOf == null) {
            return null;
        }
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("asOf", "must be an instant such as 2026-12-01T10:00:00Z");
        }
    }

    private AsOf() {
    }
}
