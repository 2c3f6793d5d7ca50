package dev.shiplog.deployment.domain.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requirements' success metrics and the four DORA keys, computed from finished deployments (as the log made
 * them: the same after a rebuild). Tools disagree on where a figure starts, mean or median, and the window, so each
 * figure carries its definition, and every figure counts the deployments that finished in the window
 * {@code [from, to)}.
 */
public final class DeliveryMetrics {

    /** A finished deployment: its environment, kind ({@code build}, {@code rollback}, {@code promotion}) and end. */
    public record Finished(String id, String environment, String kind, String status, Instant requestedAt,
            Instant completedAt) {

        boolean succeeded() {
            return "success".equals(status);
        }

        boolean rollback() {
            return "rollback".equals(kind);
        }

        Duration took() {
            return Duration.between(requestedAt, completedAt);
        }
    }

    /** One figure: null value when nothing in the window measures it; {@code sample}: how many it is made of. */
    public record Figure(String name, Double value, String unit, int sample, String definition, String target) {
    }

    private DeliveryMetrics() {
    }

    /** The figures of {@code deployments} (any order) that finished in {@code [from, to)}. */
    public static List<Figure> of(List<Finished> deployments, Instant from, Instant to) {
        List<Finished> all = deployments.stream().sorted(Comparator.comparing(Finished::completedAt)).toList();
        List<Finished> in = all.stream().filter(d -> !d.completedAt().isBefore(from) && d.completedAt().isBefore(to))
                .toList();
        List<Finished> decided = in.stream().filter(d -> d.succeeded() || "failed".equals(d.status())).toList();
        List<Long> deployTimes = millis(in.stream().filter(d -> d.succeeded() && "build".equals(d.kind())).toList());
        List<Long> rollbackTimes = millis(in.stream().filter(d -> d.succeeded() && d.rollback()).toList());
        List<Finished> changes = in.stream().filter(d -> d.succeeded() && !d.rollback()).toList();
        long failedChanges = changes.stream().filter(d -> rolledBack(d, all)).count();
        List<Long> restores = restores(all, from, to);
        double days = Math.max(1, Duration.between(from, to).toMinutes()) / (24.0 * 60);
        List<Figure> out = new ArrayList<>();
        out.add(new Figure("successRate", decided.isEmpty() ? null
                : (double) decided.stream().filter(Finished::succeeded).count() / decided.size(), "ratio",
                decided.size(), "deployments that succeeded, of those that succeeded or failed (cancelled ones are"
                        + " not counted), of every kind", "> 0.98"));
        out.add(new Figure("deploymentTimeP50", percentile(deployTimes, 50), "seconds", deployTimes.size(),
                "median time from a build deployment's request to its release being live (queue, build, upload,"
                        + " deploy and verify), successful ones", "< 300"));
        out.add(new Figure("deploymentTimeP95", percentile(deployTimes, 95), "seconds", deployTimes.size(),
                "95th percentile (nearest rank) of the same", null));
        out.add(new Figure("rollbackTimeP50", percentile(rollbackTimes, 50), "seconds", rollbackTimes.size(),
                "median time from a rollback's request (by a person or automatic) to the earlier release being live"
                        + " again, successful ones", "< 120"));
        out.add(new Figure("deploymentFrequency", changes.size() / days, "per day", changes.size(),
                "successful deployments that changed what runs (builds and promotions, not rollbacks) per day of the"
                        + " window", null));
        out.add(new Figure("changeFailureRate", changes.isEmpty() ? null : (double) failedChanges / changes.size(),
                "ratio", changes.size(), "of those deployments, the share that a rollback of the same environment"
                        + " followed before the next one went live", null));
        out.add(new Figure("timeToRestore", percentile(restores, 50), "seconds", restores.size(),
                "median time from a deployment failing, or a rollback being asked for, to the next successful"
                        + " deployment of that environment (a restore ending in the window)", null));
        return out;
    }

    /** Whether a rollback of {@code change}'s environment was asked for after it went live, before the next change. */
    private static boolean rolledBack(Finished change, List<Finished> all) {
        for (Finished later : all) {
            if (!later.environment().equals(change.environment())
                    || !later.completedAt().isAfter(change.completedAt())) {
                continue;
            }
            if (later.rollback() && later.requestedAt().isAfter(change.completedAt())) {
                return true;
            }
            if (later.succeeded() && !later.rollback()) {
                return false;
            }
        }
        return false;
    }

    /**
     * Per environment, from the first failure (or rollback request) to the next success: the restores that ended in
     * the window.
     */
    private static List<Long> restores(List<Finished> all, Instant from, Instant to) {
        Map<String, Instant> brokenSince = new TreeMap<>();
        List<Long> out = new ArrayList<>();
        for (Finished d : all) {
            Instant broken = brokenSince.get(d.environment());
            if (d.rollback() && (broken == null || d.requestedAt().isBefore(broken))) {
                broken = d.requestedAt();
            }
            if ("failed".equals(d.status()) && broken == null) {
                broken = d.completedAt();
            }
            if (d.succeeded()) {
                if (broken != null && !d.completedAt().isBefore(from) && d.completedAt().isBefore(to)) {
                    out.add(Duration.between(broken, d.completedAt()).toMillis());
                }
                brokenSince.remove(d.environment());
            } else if (broken != null) {
                brokenSince.put(d.environment(), broken);
            }
        }
        return out;
    }

    private static List<Long> millis(List<Finished> deployments) {
        return deployments.stream().map(d -> d.took().toMillis()).toList();
    }

    /** The nearest-rank percentile, in seconds; null of nothing. */
    static Double percentile(List<Long> millis, int p) {
        if (millis.isEmpty()) {
            return null;
        }
        List<Long> sorted = millis.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1000.0;
    }
}
