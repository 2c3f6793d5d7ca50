package dev.shiplog.deployment.domain;

import java.util.Map;

/**
 * How to build, serve and verify a deployment (PRD DeploymentConfig); {@code timeout} is in seconds;
 * {@code startCommand} starts the release as a server application (null: a static site).
 */
public record DeploymentSettings(
        String buildCommand,
        String outputDirectory,
        Map<String, String> environmentVariables,
        String nodeVersion,
        String installCommand,
        String healthCheckPath,
        Integer timeout,
        String startCommand) {

    public static final DeploymentSettings NONE = new DeploymentSettings(null, null, Map.of(), null, null, null, null,
            null);
}
