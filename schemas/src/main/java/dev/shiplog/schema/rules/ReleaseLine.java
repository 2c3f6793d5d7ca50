package dev.shiplog.schema.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One environment's releases in the order they went live, and the one home of three rules every service needs:
 * <ul>
 * <li><b>what is live</b>: the last release that went live ({@code ReleaseActivated}) and was not withdrawn (a
 * deployment that ended failed or cancelled after its activation was recorded never served: the release before it
 * is live again);</li>
 * <li><b>what was live before</b> a release (what "roll back" returns to when no target is named);</li>
 * <li><b>what a rollback may target</b>: a release that went live in this very environment, was not withdrawn, is
 * not the live one, went live with the artifact the rollback names, and whose artifact is still kept.</li>
 * </ul>
 * Pure: each service keeps the releases in its own tables, as the log gave them, and asks this class; none of them
 * restates these rules (in SQL or otherwise).
 */
public final class ReleaseLine {

    /** A release that went live: its deployment, its artifact, and whether it was withdrawn since. */
    public record Release(String deploymentId, String artifactId, boolean withdrawn) {
        public Release {
            Objects.requireNonNull(deploymentId, "deploymentId");
        }
    }

    private final List<Release> releases;

    private ReleaseLine(List<Release> releases) {
        this.releases = List.copyOf(releases);
    }

    /** The line of {@code releases}, given in the order they went live (their position on the log). */
    public static ReleaseLine of(List<Release> releases) {
        return new ReleaseLine(releases);
    }

    public static ReleaseLine empty() {
        return new ReleaseLine(List.of());
    }

    public List<Release> releases() {
        return releases;
    }

    /** The release live now, if any. */
    public Optional<Release> live() {
        for (int i = releases.size() - 1; i >= 0; i--) {
            if (!releases.get(i).withdrawn()) {
                return Optional.of(releases.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<Release> find(String deploymentId) {
        return releases.stream().filter(r -> r.deploymentId().equals(deploymentId)).findFirst();
    }

    /** Whether {@code deploymentId} is the release live now. */
    public boolean isLive(String deploymentId) {
        return live().map(r -> r.deploymentId().equals(deploymentId)).orElse(false);
    }

    /** The release that was live before {@code deploymentId} went live (withdrawn ones never were), if any. */
    public Optional<Release> before(String deploymentId) {
        int at = indexOf(deploymentId);
        for (int i = at - 1; i >= 0; i--) {
            if (!releases.get(i).withdrawn()) {
                return Optional.of(releases.get(i));
            }
        }
        return Optional.empty();
    }

    /** The line after {@code deploymentId} went live with {@code artifactId} (once: a repeat changes nothing). */
    public ReleaseLine activated(String deploymentId, String artifactId) {
        if (indexOf(deploymentId) >= 0) {
            return this;
        }
        List<Release> next = new ArrayList<>(releases);
        next.add(new Release(deploymentId, artifactId, false));
        return new ReleaseLine(next);
    }

    /**
     * The line once {@code deploymentId}'s release is live again as the most recent to go live: what a rollback
     * meant before rollbacks were deployments of their own ({@code DeploymentRolledBack} without a
     * {@code rollbackDeploymentId}, still on old logs). A release the line does not know joins it with
     * {@code artifactId} (null: the one it went live with).
     */
    public ReleaseLine liveAgain(String deploymentId, String artifactId) {
        List<Release> next = new ArrayList<>();
        String artifact = artifactId;
        for (Release release : releases) {
            if (release.deploymentId().equals(deploymentId)) {
                artifact = artifact != null ? artifact : release.artifactId();
            } else {
                next.add(release);
            }
        }
        next.add(new Release(deploymentId, artifact, false));
        return new ReleaseLine(next);
    }

    /**
     * The line after {@code deploymentId} ended without succeeding (failed or cancelled): if it had gone live, it is
     * withdrawn, and the release before it is live again.
     */
    public ReleaseLine endedWithoutSuccess(String deploymentId) {
        int at = indexOf(deploymentId);
        if (at < 0 || releases.get(at).withdrawn()) {
            return this;
        }
        List<Release> next = new ArrayList<>(releases);
        Release release = next.get(at);
        next.set(at, new Release(release.deploymentId(), release.artifactId(), true));
        return new ReleaseLine(next);
    }

    /**
     * Why a rollback of this environment ({@code where}, for the message) cannot return to {@code targetId}, or null
     * when it may. {@code artifactId}: the artifact the rollback would activate (null: the one the target went live
     * with); {@code artifactKept}: whether that artifact is still kept (retention lets artifacts go).
     */
    public String rollbackRefusal(String targetId, String artifactId, boolean artifactKept, String where) {
        Optional<Release> target = find(targetId).filter(r -> !r.withdrawn());
        if (target.isEmpty()) {
            return "deployment " + targetId + " never went live in " + where + ": there is nothing to return to";
        }
        if (isLive(targetId)) {
            return "deployment " + targetId + " is live in " + where + " already";
        }
        if (artifactId != null && !artifactId.equals(target.get().artifactId())) {
            return "deployment " + targetId + " went live with artifact " + target.get().artifactId() + ", not "
                    + artifactId;
        }
        if (!artifactKept) {
            return "deployment " + targetId + " cannot be restored: its artifact " + target.get().artifactId()
                    + " was cleaned up (retention)";
        }
        return null;
    }

    private int indexOf(String deploymentId) {
        for (int i = 0; i < releases.size(); i++) {
            if (releases.get(i).deploymentId().equals(deploymentId)) {
                return i;
            }
        }
        return -1;
    }
}
