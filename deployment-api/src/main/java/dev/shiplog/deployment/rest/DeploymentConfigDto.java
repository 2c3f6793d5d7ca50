package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.domain.DeploymentSettings;
import java.util.Map;

/**
 * How to build, serve and verify a deployment (PRD DeploymentConfig); {@code timeout} is in seconds;
 * {@code startCommand} starts the release as a server application listening on {@code $PORT} (null: a static site).
 */
public record DeploymentConfigDto(
        String buildCommand,
        String outputDirectory,
        Map<String, String> environmentVariables,
        String nodeVersion,
        String installCommand,
        String healthCheckPath,
        Integer timeout,
        String startCommand) {

    DeploymentSettings toSettings() {
        return new DeploymentSettings(buildCommand, outputDirectory,
                environmentVariables == null ? Map.of() : environmentVariables, nodeVersion, installCommand,
                healthCheckPath, timeout, startCommand);
    }
}
