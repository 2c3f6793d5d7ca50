package dev.shiplog.pipeline.runtime;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where releases run. the local runtime (runtime.local) serves static sites and runs server applications on this machine; a
 * Kubernetes runtime would implement the same steps with a Deployment per release and a Service switched by
 * selector (docs/architecture.md). What an environment serves follows
 * the log: a release is activated only once its ReleaseActivated is on it, and the reconciler makes each
 * environment serve the release the log says is live.
 */
public interface Runtime {

    /**
     * Makes the release reachable at the deployment's own, immutable URL, which it returns, served with the
     * environment snapshot the deployment runs with ({@code caching=enabled} lets clients cache a site). A server
     * application ({@link ReleaseSpec#application()}) is started, every instance listening, before this returns;
     * throws with the reason it did not start (nothing of it left running).
     */
    String prepare(ReleaseSpec release) throws IOException;

    /**
     * The deployment does not go live (it failed, was cancelled or handed over): what runs for it stops, unless an
     * environment serves it.
     */
    void withdraw(String deploymentId);

    /** The release of a deployment that is not live is no longer needed (its artifact was cleaned up). */
    void discard(String deploymentId) throws IOException;

    /**
     * Makes deployment {@code deploymentId} the environment's live release, atomically: a request sees the old
     * release or the new one, never a mix; an application that served before finishes its requests in flight
     * (bounded) and is stopped. Returns the environment's stable URL.
     */
    String activate(String projectId, String environment, String deploymentId) throws IOException;

    /** The environment serves nothing any more. */
    void deactivate(String projectId, String environment) throws IOException;

    /** The deployment whose release the environment serves now, if any (an application: if it runs). */
    Optional<String> active(String projectId, String environment);

    /** An environment of a project. */
    record Place(String projectId, String environment) {
    }

    /**
     * The environments another instance of the runtime switched that this one does not serve as switched yet (a
     * local runtime of a machine with several workers: each runs its own instances of an application); the
     * reconciler brings them in line. None where one switch serves everywhere.
     */
    default java.util.List<Place> behind() {
        return java.util.List.of();
    }

    /** The deployment's own URL. */
    String deploymentUrl(String deploymentId);

    /** The environment's stable URL. */
    String environmentUrl(String projectId, String environment);

    /**
     * Where the platform itself reaches one of those URLs (health checks): the runtime directly, not through the
     * gateway the public URLs name.
     */
    String probeUrl(String publicUrl);
}
