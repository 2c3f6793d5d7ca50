package dev.shiplog.deployment.domain;

import java.util.Map;

/** How to build, serve and verify a deployment (PRD DeploymentConfig); {@code timeout} is in seconds. */
public record DeploymentSettings(
        String buildCommand,
        String outputDirectory,
        Map<String, String> environmentVariables,
        String nodeVersion,
        String installCommand,
        String healthCheckPath,
        Integer timeout) {

    public static final DeploymentSettings NONE = new DeploymentSettings(null, null, Map.of(), null, null, null, null);
}
