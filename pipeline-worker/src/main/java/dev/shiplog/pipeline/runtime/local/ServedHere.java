package dev.shiplog.pipeline.runtime.local;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server application each environment's traffic goes to on this worker. The environments' links are shared by
 * the workers of a machine (one work directory), but each worker runs instances of its own: when another worker has
 * switched an environment to a release that does not run here yet, this worker goes on serving the one it ran until
 * its own copy of the new one listens (the reconciler starts it, {@link LocalRuntime#behind}), then switches.
 */
final class ServedHere {

    private final ConcurrentHashMap<String, String> byEnvironment = new ConcurrentHashMap<>();

    /**
     * This worker switched the environment to {@code deploymentId}: it serves that from now on if it is an
     * application. Returns the application it served before, if another (to be stopped).
     */
    Optional<String> switched(String projectId, String environment, String deploymentId, boolean application) {
        String key = projectId + "/" + environment;
        String before = application ? byEnvironment.put(key, deploymentId) : byEnvironment.remove(key);
        return Optional.ofNullable(before).filter(id -> !id.equals(deploymentId));
    }

    /** The environment serves nothing here any more; returns the application it served, if any. */
    Optional<String> removed(String projectId, String environment) {
        return Optional.ofNullable(byEnvironment.remove(projectId + "/" + environment));
    }

    /** The application this worker serves the environment's traffic with, if any. */
    Optional<String> of(String projectId, String environment) {
        return Optional.ofNullable(byEnvironment.get(projectId + "/" + environment));
    }
}
