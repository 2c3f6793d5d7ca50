package dev.shiplog.deployment.service;

import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.schema.rules.FieldRules;

/** Who asks: the {@code X-Shiplog-User} header, at most 200 characters of one line, else {@code anonymous}. */
public final class Actors {

    public static final String HEADER = "X-Shiplog-User";

    public static String of(String header) {
        if (header == null || header.isBlank()) {
            return "anonymous";
        }
        String rule = FieldRules.line(header, FieldRules.ACTOR);
        if (rule != null) {
            throw new InvalidInputException(HEADER, rule);
        }
        return header;
    }

    private Actors() {
    }
}
