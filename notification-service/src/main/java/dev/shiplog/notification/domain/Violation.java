package dev.shiplog.notification.domain;

/**
 * A refusal: the field that breaks a rule (a JSON path such as {@code emails[0]}) and the rule in words. The service
 * layer answers it as a 400 (or 409) problem naming the field.
 */
public record Violation(String field, String rule) {
}
