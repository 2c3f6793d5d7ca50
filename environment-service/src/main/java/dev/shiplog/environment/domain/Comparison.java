package dev.shiplog.environment.domain;

import java.util.List;

/**
 * Two environments of a project side by side: what is live on each (version, artifact, commit), the settings and
 * variables that differ (a secret only as "differs", never its value), and the commits between the two when both
 * came from git ({@code commits} null, with {@code commitsNote}, when they cannot be told).
 */
public record Comparison(Side from, Side to, List<SettingDifference> settings, List<VariableDifference> variables,
        List<Commit> commits, String commitsNote) {

    /** What is live in one environment. */
    public record Side(String environment, String deploymentId, String version, String artifactId, String commit) {
    }

    /** A setting that differs: its flat name and each side's value (null: not set). */
    public record SettingDifference(String setting, String from, String to) {
    }

    /** A variable that differs; a secret's values are never shown. */
    public record VariableDifference(String name, boolean secret, String from, String to, boolean onlyInFrom,
            boolean onlyInTo) {
    }

    /** A commit on the way from one to the other. */
    public record Commit(String sha, String title) {
    }
}
