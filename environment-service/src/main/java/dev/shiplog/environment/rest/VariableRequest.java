package dev.shiplog.environment.rest;

/** Body of {@code PUT .../variables/{name}}: its value, and whether it is a secret. */
public record VariableRequest(String value, Boolean secret) {
}
