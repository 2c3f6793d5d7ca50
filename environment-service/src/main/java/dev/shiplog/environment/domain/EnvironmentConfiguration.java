package dev.shiplog.environment.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A configuration on the log, {@code id} being {@code projectId/name}. */
public record EnvironmentConfiguration(
        String id,
        String projectId,
        String name,
        String url,
        Map<String, String> settings,
        @JsonProperty("protected") boolean isProtected,
        boolean approvalRequired,
        Integer bakeSeconds) {
}
