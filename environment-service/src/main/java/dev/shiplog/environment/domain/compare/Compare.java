package dev.shiplog.environment.domain.compare;

import dev.shiplog.environment.domain.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two environments of a project compared: the settings and variables that differ (a secret only as differing: its
 * values are compared, never shown), what is live on each, and the commits between the two when both came from git.
 */
public final class Compare {

    /**
     * One environment as the comparison needs it: its flat settings, its variables by name, and what is live in it
     * (all null when nothing is), with the commit it was built from and the ones before it, newest first (commit
     * null: not built from git, or not known).
     */
    public record Side(String environment, Map<String, String> settings, Map<String, Held> variables,
            String deploymentId, String version, String artifactId, String commit, List<Comparison.Commit> history) {
        public Side {
            settings = Map.copyOf(settings);
            variables = Map.copyOf(variables);
            history = history == null ? List.of() : List.copyOf(history);
        }
    }

    /**
     * A variable's value for comparing: a plain one's value; a secret's value opened (only to be compared), or
     * {@code opened} false when it could not be (its key is gone): then it cannot be told equal to anything.
     */
    public record Held(boolean secret, String value, boolean opened) {

        public static Held plain(String value) {
            return new Held(false, value, true);
        }

        public static Held secret(String opened) {
            return new Held(true, opened, true);
        }

        public static Held unopenable() {
            return new Held(true, null, false);
        }
    }

    /** What differs from {@code from} to {@code to}. */
    public static Comparison between(Side from, Side to) {
        List<Comparison.SettingDifference> settings = new ArrayList<>();
        for (String key : union(from.settings().keySet(), to.settings().keySet())) {
            if (!Objects.equals(from.settings().get(key), to.settings().get(key))) {
                settings.add(new Comparison.SettingDifference(key, from.settings().get(key), to.settings().get(key)));
            }
        }
        List<Comparison.VariableDifference> variables = new ArrayList<>();
        for (String name : union(from.variables().keySet(), to.variables().keySet())) {
            Held a = from.variables().get(name);
            Held b = to.variables().get(name);
            boolean secret = (a != null && a.secret()) || (b != null && b.secret());
            if (a == null || b == null) {
                variables.add(new Comparison.VariableDifference(name, secret, secret || a == null ? null : a.value(),
                        secret || b == null ? null : b.value(), b == null, a == null));
            } else if (!same(a, b)) {
                variables.add(new Comparison.VariableDifference(name, secret, secret ? null : a.value(),
                        secret ? null : b.value(), false, false));
            }
        }
        Commits commits = commits(from, to);
        return new Comparison(side(from), side(to), settings, variables, commits.list(), commits.note());
    }

    /** The commits of {@code history} (newest first) before {@code since} is reached; null if it never is. */
    public static List<Comparison.Commit> before(List<Comparison.Commit> history, String since) {
        List<Comparison.Commit> out = new ArrayList<>();
        for (Comparison.Commit commit : history) {
            if (commit.sha().equals(since)) {
                return out;
            }
            out.add(commit);
        }
        return null;
    }

    private record Commits(List<Comparison.Commit> list, String note) {
    }

    private static Commits commits(Side from, Side to) {
        if (from.commit() == null || to.commit() == null) {
            return new Commits(null, "both environments must have a live release built from git");
        }
        if (from.commit().equals(to.commit())) {
            return new Commits(List.of(), "the same commit is live on both");
        }
        List<Comparison.Commit> ahead = before(to.history(), from.commit());
        if (ahead != null) {
            return new Commits(ahead, to.environment() + " is " + ahead.size() + " commit(s) ahead of "
                    + from.environment());
        }
        List<Comparison.Commit> behind = before(from.history(), to.commit());
        if (behind != null) {
            return new Commits(behind, from.environment() + " is " + behind.size() + " commit(s) ahead of "
                    + to.environment());
        }
        return new Commits(null, "no common history in the last commits of either: they are on different lines");
    }

    private static boolean same(Held a, Held b) {
        if (a.secret() != b.secret()) {
            return false;
        }
        return a.opened() && b.opened() && Objects.equals(a.value(), b.value());
    }

    private static Comparison.Side side(Side s) {
        return new Comparison.Side(s.environment(), s.deploymentId(), s.version(), s.artifactId(), s.commit());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private Compare() {
    }
}
