package dev.shiplog.deployment.rest;

import java.util.Map;

/** How to build, serve and verify a deployment (PRD DeploymentConfig); {@code timeout} is in seconds. */
public record DeploymentConfigDto(
        String buildCommand,
        String outputDirectory,
        Map<String, String> environmentVariables,
        String nodeVersion,
        String installCommand,
        String healthCheckPath,
        Integer timeout) {
}
