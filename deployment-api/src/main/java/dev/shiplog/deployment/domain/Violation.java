package dev.shiplog.deployment.domain;

/** One broken rule of a request: the field it is about (as the request names it) and the rule, in words. */
public record Violation(String field, String rule) {
}
