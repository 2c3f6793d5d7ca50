package dev.shiplog.deployment.domain.release;

import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.Snapshot;
import dev.shiplog.schema.rules.ReleaseLine;
import java.util.List;
import java.util.Map;

/** Release lines and recorded deployments of shop/staging for the tests. */
final class Releases {

    static String artifact(String deploymentId) {
        return String.format("%64s", deploymentId).replace(' ', '0').replaceAll("[^0-9a-f]", "a");
    }

    static ReleaseLine.Release live(String id) {
        return new ReleaseLine.Release(id, artifact(id), false);
    }

    static ReleaseLine.Release withdrawn(String id) {
        return new ReleaseLine.Release(id, artifact(id), true);
    }

    static ReleaseLine line(ReleaseLine.Release... releases) {
        return ReleaseLine.of(List.of(releases));
    }

    static final Snapshot SNAPSHOT = new Snapshot("https://staging.shop", Map.of("caching", "disabled"), 30,
            Map.of("GREETING", "hi"), List.of(new Snapshot.Sealed("TOKEN", "t1", "c2VhbGVk")));

    /** {@code id} as the history recorded it, in {@code environment} of shop, now {@code status}. */
    static RecordedDeployment recorded(String id, String environment, String status) {
        return new RecordedDeployment(id, "shop", environment, status, "version-of-" + id, "https://github.com/a/b.git",
                "abc123", null, null, new DeploymentSettings("make " + id, "dist", Map.of(), null, null, null, null,
                        null),
                artifact(id), SNAPSHOT);
    }

    private Releases() {
    }
}
