package dev.shiplog.environment.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shiplog.environment.domain.EnvironmentChange;
import java.util.Map;

/**
 * Body of {@code PUT /api/projects/{projectId}/environments/{environment}}: the whole configuration of the
 * environment. What is left out is reset: no URL, no settings, not protected.
 */
public record EnvironmentRequest(
        String url,
        Map<String, String> settings,
        @JsonProperty("protected") Boolean isProtected) {

    EnvironmentChange toCommand() {
        return new EnvironmentChange(url, settings == null ? Map.of() : settings, Boolean.TRUE.equals(isProtected));
    }
}
