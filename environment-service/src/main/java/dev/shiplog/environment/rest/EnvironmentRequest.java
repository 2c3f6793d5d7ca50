package dev.shiplog.environment.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.Settings;
import dev.shiplog.environment.domain.configuration.ConfigurationRules;

/**
 * Body of {@code PUT /api/projects/{projectId}/environments/{environment}}: the whole configuration of the
 * environment, its settings typed. What is left out is reset: no URL, no settings, no approvals, the default bake
 * period; protected only if it is {@code production} (protected by default).
 */
public record EnvironmentRequest(
        String url,
        Settings settings,
        @JsonProperty("protected") Boolean isProtected,
        Boolean approvalRequired,
        Integer bakeSeconds) {

    EnvironmentChange toCommand(String environment) {
        return ConfigurationRules.asked(environment, url, settings, isProtected, approvalRequired, bakeSeconds);
    }
}
