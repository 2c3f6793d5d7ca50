package dev.shiplog.pipeline.domain.app;

import dev.shiplog.pipeline.domain.build.BuildLimits;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a release of a server application runs (an artifact with a start command): how many instances of it, what
 * each one finds in its environment, and what each may use ({@code limits}: the environment's {@code instanceLimits},
 * else the platform's). The release's own snapshot decides them, so a rollback runs its release exactly as it ran.
 *
 * <p>An instance's environment: the environment's variables and opened secrets as the snapshot holds them, then the
 * deployment's own variables, then the platform's, which nothing overrides: {@code PORT} (where it must listen),
 * {@code SHIPLOG_LOG_LEVEL} (the {@code logLevel} setting, {@code info} when unset), {@code SHIPLOG_ENVIRONMENT},
 * {@code SHIPLOG_PROJECT}, {@code SHIPLOG_RELEASE} (the deployment id), {@code SHIPLOG_INSTANCE} (from 0) and
 * {@code SHIPLOG_DOMAIN} (the {@code domain} setting, when set).
 */
public record AppPlan(int instances, int min, int max, Map<String, String> environment, BuildLimits limits) {

    /** Where every instance listens: each has a network namespace of its own, so they never collide. */
    public static final int PORT = 8080;

    public static AppPlan of(String deploymentId, String projectId, String environmentName,
            Map<String, String> settings, Map<String, String> variables, Map<String, String> secrets,
            Map<String, String> own, BuildLimits limits) {
        Map<String, String> env = new TreeMap<>(variables);
        env.putAll(secrets);
        env.putAll(own);
        env.put("PORT", Integer.toString(PORT));
        env.put("SHIPLOG_LOG_LEVEL", settings.getOrDefault("logLevel", "info"));
        env.put("SHIPLOG_ENVIRONMENT", environmentName);
        env.put("SHIPLOG_PROJECT", projectId);
        env.put("SHIPLOG_RELEASE", deploymentId);
        env.remove("SHIPLOG_DOMAIN");
        if (settings.get("domain") != null) {
            env.put("SHIPLOG_DOMAIN", settings.get("domain"));
        }
        int instances = instances(settings);
        int max = instances;
        if (!settings.containsKey("scaling.instances") && settings.containsKey("scaling.max")) {
            try {
                max = Math.max(instances, Math.min(100, Integer.parseInt(settings.get("scaling.max"))));
            } catch (NumberFormatException e) {
                max = instances;
            }
        }
        return new AppPlan(instances, instances, max, Map.copyOf(env), limits);
    }

    /** Whether it scales between {@link #min} and {@link #max} (it starts at min). */
    public boolean autoscaled() {
        return max > min;
    }

    /**
     * {@code scaling.instances}, or the lower bound {@code scaling.min} of auto-scaling (which starts there), or one;
     * a value the catalog's rules would refuse (it came from the log) counts as one.
     */
    static int instances(Map<String, String> settings) {
        String value = settings.getOrDefault("scaling.instances", settings.get("scaling.min"));
        try {
            int n = value == null ? 1 : Integer.parseInt(value);
            return n >= 1 && n <= 100 ? n : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The environment of instance {@code index}. */
    public Map<String, String> environmentOf(int index) {
        Map<String, String> env = new TreeMap<>(environment);
        env.put("SHIPLOG_INSTANCE", Integer.toString(index));
        return env;
    }

    /**
     * Why a release cannot start here, or null: it needs {@code instances} processes (its start; auto-scaling past it
     * waits for room) and the worker may run only
     * {@code free} more of its {@code max}.
     */
    public String refusal(int free, int max) {
        if (instances <= free) {
            return null;
        }
        return "the release needs " + instances + " instance(s) but this worker runs at most " + max
                + " application processes (shiplog.runtime.app-slots) and " + free + " are free";
    }

    /** How long a crashed instance waits before it starts again: one second, doubling per crash in a row, to max. */
    public static Duration restartDelay(int crashesInARow, Duration max) {
        long seconds = 1L << Math.min(20, Math.max(0, crashesInARow - 1));
        return Duration.ofSeconds(seconds).compareTo(max) > 0 ? max : Duration.ofSeconds(seconds);
    }

    /**
     * The instance a request goes to: the ready one with the fewest requests in flight (the first of equals), -1 if
     * none is ready.
     */
    public static int leastOutstanding(int[] outstanding, boolean[] ready) {
        int best = -1;
        for (int i = 0; i < outstanding.length; i++) {
            if (ready[i] && (best < 0 || outstanding[i] < outstanding[best])) {
                best = i;
            }
        }
        return best;
    }
}
