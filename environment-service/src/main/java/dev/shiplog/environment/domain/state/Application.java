package dev.shiplog.environment.domain.state;

import dev.shiplog.schema.rules.FieldRules;
import java.time.Instant;

/**
 * The server application of an environment as its runtime last reported it (ApplicationScaled, ApplicationCrashed):
 * the deployment whose release it runs, how many instances it runs (null until a scaling said), its last scaling
 * and its last crash (null: none yet). An environment keeps the last one reported; it shows it only while that
 * deployment is live there ({@link #of}).
 */
public record Application(String deploymentId, Integer instances, Scaled lastScaled, Crash lastCrash) {

    /** The most instances a count may name; a count outside 0..this is not taken. */
    public static final int MAX_INSTANCES = 1000;
    /** The most characters of a crashed instance's last output that are kept. */
    public static final int LAST_OUTPUT = 2000;
    /** The most characters of a scaling's reason that are kept. */
    public static final int REASON = FieldRules.REASON;

    /** A scaling: when, from how many instances to how many, why. */
    public record Scaled(Instant at, int from, int to, String reason) {
    }

    /** A crash: when, which instance (from 0), its exit code, its last output, when it starts again. */
    public record Crash(Instant at, int instance, int exitCode, String lastOutput, int restartInSeconds) {
    }

    /** Whether {@code fact} is about an environment's application. */
    public static boolean isAbout(Fact fact) {
        return fact instanceof Fact.ApplicationScaled || fact instanceof Fact.ApplicationCrashed;
    }

    /**
     * Why {@code fact}, an application's, cannot be taken (the field and its rule); null when it can, and for any
     * other fact. Events are input: one that breaks these is ignored, never applied.
     */
    public static String problem(Fact fact) {
        if (fact instanceof Fact.ApplicationScaled s) {
            return first(deployment(s.deploymentId()), count("instances", s.instances()),
                    count("previousInstances", s.previousInstances()));
        } else if (fact instanceof Fact.ApplicationCrashed c) {
            return first(deployment(c.deploymentId()), count("instance", c.instance()),
                    c.restartInSeconds() < 0 ? "restartInSeconds: must not be negative" : null);
        }
        return null;
    }

    /**
     * The application of an environment after {@code fact}, which happened {@code at} ({@code before} null: none
     * yet). A scaling sets the deployment, the instances and the last scaling; a crash sets the deployment and the
     * last crash (either starts afresh when it is about another deployment than {@code before}). Any other fact
     * changes nothing: what is live is on another topic, applied in any order beside these, so whether it is shown is
     * decided when it is read ({@link #of(Application, Releases.Live)}), never here.
     */
    public static Application after(Application before, Fact fact, Instant at) {
        if (problem(fact) != null) {
            return before;
        }
        if (fact instanceof Fact.ApplicationScaled s) {
            Application base = of(before, s.deploymentId());
            return new Application(s.deploymentId(), s.instances(),
                    new Scaled(at, s.previousInstances(), s.instances(), s.reason()), base.lastCrash());
        } else if (fact instanceof Fact.ApplicationCrashed c) {
            Application base = of(before, c.deploymentId());
            return new Application(c.deploymentId(), base.instances(), base.lastScaled(),
                    new Crash(at, c.instance(), c.exitCode(), c.lastOutput(), c.restartInSeconds()));
        }
        return before;
    }

    /**
     * What an environment shows of {@code reported} while {@code live} is live: it when it is the live release's,
     * else none (the counts were another release's).
     */
    public static Application of(Application reported, Releases.Live live) {
        return reported != null && live != null && reported.deploymentId().equals(live.deploymentId()) ? reported
                : null;
    }

    /**
     * {@code text} as it is kept: NUL replaced (a database refuses it), at most {@code max} characters (never a
     * character cut in half).
     */
    public static String storable(String text, int max) {
        String kept = FieldRules.storable(text);
        if (kept == null || kept.length() <= max) {
            return kept;
        }
        int end = Character.isHighSurrogate(kept.charAt(max - 1)) ? max - 1 : max;
        return kept.substring(0, end);
    }

    private static Application of(Application before, String deploymentId) {
        return before != null && before.deploymentId().equals(deploymentId) ? before
                : new Application(deploymentId, null, null, null);
    }

    private static String deployment(String deploymentId) {
        if (deploymentId == null) {
            return "deploymentId: is required";
        }
        String rule = FieldRules.identifier(deploymentId);
        return rule == null ? null : "deploymentId: " + rule;
    }

    private static String count(String field, int value) {
        return value >= 0 && value <= MAX_INSTANCES ? null : field + ": must be from 0 to " + MAX_INSTANCES;
    }

    private static String first(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
