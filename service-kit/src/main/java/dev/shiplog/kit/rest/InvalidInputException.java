package dev.shiplog.kit.rest;

import java.util.List;

/** Input that breaks a rule: answered with 400 application/problem+json naming each field and rule. */
public class InvalidInputException extends RuntimeException {

    /** One broken rule: the field (a JSON path such as config.timeoutSeconds) and the rule in words. */
    public record Violation(String field, String rule) {
    }

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.rule()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String rule) {
        this(List.of(new Violation(field, rule)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
