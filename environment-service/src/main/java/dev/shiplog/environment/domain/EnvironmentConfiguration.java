package dev.shiplog.environment.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A configuration on the log, {@code id} being {@code projectId/name}. */
public record EnvironmentConfiguration(
        String id,
        String projectId,
        String name,
        String url,
        Settings settings,
        @JsonProperty("protected") boolean isProtected,
        boolean approvalRequired,
        Integer bakeSeconds) {
}
