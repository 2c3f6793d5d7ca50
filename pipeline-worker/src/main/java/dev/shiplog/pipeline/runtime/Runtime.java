package dev.shiplog.pipeline.runtime;

import java.io.IOException;

/**
 * Where releases run. {@link LocalRuntime} serves static sites from this machine; a Kubernetes runtime would
 * implement the same steps with a Deployment per release and a Service switch.
 */
public interface Runtime {

    /** Makes artifact {@code artifactId} reachable at the deployment's own, immutable URL, which it returns. */
    String prepare(String deploymentId, String artifactId) throws IOException;

    /**
     * Makes deployment {@code deploymentId} the environment's live release, atomically: a request sees the old
     * release or the new one, never a mix. Returns the environment's stable URL.
     */
    String activate(String projectId, String environment, String deploymentId) throws IOException;

    /** The environment's stable URL. */
    String environmentUrl(String projectId, String environment);
}
