package dev.shiplog.pipeline.runtime;

import java.util.Map;

/**
 * What the runtime needs to run one release: the deployment, its artifact, the environment settings it runs with
 * (its snapshot), and for a server application its start command and what its processes see: the environment's
 * variables, the opened secrets and the deployment's own variables.
 */
public record ReleaseSpec(String deploymentId, String projectId, String environment, String artifactId,
        Map<String, String> settings, String startCommand, Map<String, String> variables,
        Map<String, String> secrets, Map<String, String> ownVariables) {

    /** A static site: files served as they are. */
    public static ReleaseSpec site(String deploymentId, String projectId, String environment, String artifactId,
            Map<String, String> settings) {
        return new ReleaseSpec(deploymentId, projectId, environment, artifactId, settings, null, Map.of(), Map.of(),
                Map.of());
    }

    /** A server application: its artifact has a start command. */
    public boolean application() {
        return startCommand != null && !startCommand.isBlank();
    }
}
