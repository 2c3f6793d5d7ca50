package dev.shiplog.pipeline.domain.retention;

import dev.shiplog.schema.rules.ReleaseLine;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a project's artifacts its retention policy lets go, and nothing else (no database, no files). An artifact
 * is kept while it is:
 * <ul>
 * <li>live in an environment, or the rollback target of a live release (the release before it: both as
 * {@link ReleaseLine} says);</li>
 * <li>one of the last {@code keepLast} releases of any environment;</li>
 * <li>used by a deployment that is not over (a rollback or promotion on its way);</li>
 * <li>younger than {@code keepDays} days;</li>
 * <li>never released and younger than the grace period (the deployment that just stored it may be on its way
 * live).</li>
 * </ul>
 * Every other artifact goes, with the reason.
 */
public final class Retention {

    /** A project's policy: releases kept per environment, and the age that keeps an artifact (null: none). */
    public record Policy(int keepLast, Integer keepDays) {
    }

    /** A release that went live in an environment (withdrawn ones excluded), {@code position} its order. */
    public record Release(String environment, String deploymentId, String artifactId, long position) {
    }

    /** An artifact of the project and when it was stored. */
    public record Artifact(String artifactId, Instant storedAt) {
    }

    /** The artifacts to delete, each with the reason. */
    public static Map<String, String> toDelete(Policy policy, List<Artifact> artifacts, List<Release> releases,
            Set<String> inUse, Instant now, Duration grace) {
        Set<String> kept = new HashSet<>(inUse);
        Map<String, List<Release>> byEnvironment = releases.stream()
                .collect(Collectors.groupingBy(Release::environment));
        for (List<Release> history : byEnvironment.values()) {
            List<Release> inOrder = history.stream().sorted(Comparator.comparingLong(Release::position)).toList();
            ReleaseLine line = ReleaseLine.of(inOrder.stream()
                    .map(r -> new ReleaseLine.Release(r.deploymentId(), r.artifactId(), false)).toList());
            line.live().ifPresent(live -> {
                kept.add(live.artifactId());
                line.before(live.deploymentId()).ifPresent(target -> kept.add(target.artifactId()));
            });
            inOrder.stream().skip(Math.max(0, inOrder.size() - policy.keepLast())).forEach(r -> kept.add(r.artifactId()));
        }
        Set<String> released = releases.stream().map(Release::artifactId).collect(Collectors.toSet());
        Instant aged = policy.keepDays() == null ? null : now.minus(Duration.ofDays(policy.keepDays()));
        Map<String, String> out = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            boolean young = aged != null && artifact.storedAt().isAfter(aged);
            boolean onItsWay = !released.contains(artifact.artifactId())
                    && artifact.storedAt().isAfter(now.minus(grace));
            if (kept.contains(artifact.artifactId()) || young || onItsWay) {
                continue;
            }
            out.put(artifact.artifactId(), "not live, not the rollback target of a live release, not among the last "
                    + policy.keepLast() + " releases of any environment"
                    + (policy.keepDays() == null ? "" : ", older than " + policy.keepDays() + " days"));
        }
        return out;
    }

    private Retention() {
    }
}
