package dev.shiplog.environment.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shiplog.environment.domain.EnvironmentChange;
import java.util.Map;

/**
 * Body of {@code PUT /api/projects/{projectId}/environments/{environment}}: the whole configuration of the
 * environment. What is left out is reset: no URL, no settings, no approvals, the default bake period; protected
 * only if it is {@code production} (protected by default).
 */
public record EnvironmentRequest(
        String url,
        Map<String, String> settings,
        @JsonProperty("protected") Boolean isProtected,
        Boolean approvalRequired,
        Integer bakeSeconds) {

    EnvironmentChange toCommand(String environment) {
        return new EnvironmentChange(url, settings == null ? Map.of() : settings,
                isProtected == null ? PRODUCTION.equals(environment) : isProtected,
                Boolean.TRUE.equals(approvalRequired), bakeSeconds);
    }

    /** The environment that is protected unless its configuration says otherwise. */
    static final String PRODUCTION = "production";
}
