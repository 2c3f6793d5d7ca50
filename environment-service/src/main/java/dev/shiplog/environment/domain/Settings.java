package dev.shiplog.environment.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An environment's settings, typed (PRD section 9; the schema is schemas' {@code EnvironmentSettings}): how it scales
 * ({@code instances}, or auto-scaling bounds {@code min} and {@code max}), its log level, whether responses may be
 * cached, its domain. Every field may be left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(Scaling scaling, String logLevel, Boolean caching, String domain) {

    /** A fixed number of instances, or auto-scaling between min and max. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scaling(Integer instances, Integer min, Integer max) {
    }

    public static final Settings NONE = new Settings(null, null, null, null);
}
