package dev.shiplog.environment.domain.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A project and its environments as they were at an instant, folded from the facts up to it (the journal), in the
 * order they happened. The same facts give the same state, however the topics they came from interleaved; what is
 * live comes from each environment's {@link Releases}, as in the projection.
 */
public final class History {

    /** One fact, when it happened, and the environment it is about (null: the whole project). */
    public record Entry(String environment, Instant at, Fact fact) {
    }

    /** A project as its own facts left it. */
    public record ProjectState(String name, String repositoryUrl, String defaultBranch, Instant createdAt,
            Instant updatedAt) {
    }

    /** Every environment of project {@code projectId} any entry is about, by name, after {@code entries}. */
    public static Map<String, EnvironmentState> environments(String projectId, List<Entry> entries) {
        Map<String, EnvironmentState> states = new TreeMap<>();
        Map<String, Releases> releases = new TreeMap<>();
        for (Entry entry : entries) {
            if (entry.environment() == null) {
                continue; // a project's own facts; its environments have theirs (Deleted)
            }
            Releases before = releases.getOrDefault(entry.environment(), Releases.none());
            Releases after = before.after(entry.fact());
            releases.put(entry.environment(), after);
            EnvironmentState state = states.getOrDefault(entry.environment(),
                    EnvironmentState.unknown(projectId, entry.environment()));
            states.put(entry.environment(), state.after(entry.fact(), entry.at(),
                    Releases.isNews(entry.fact(), before, after), after.live().orElse(null)));
        }
        return states;
    }

    /** The visible environments of the project after {@code entries}, by name. */
    public static List<EnvironmentState> visibleEnvironments(String projectId, List<Entry> entries) {
        List<EnvironmentState> out = new ArrayList<>();
        environments(projectId, entries).values().stream().filter(EnvironmentState::visible).forEach(out::add);
        return out;
    }

    /** The project after {@code entries}; empty if it was never configured, or deleted since. */
    public static Optional<ProjectState> project(List<Entry> entries) {
        ProjectState state = null;
        Instant created = null;
        for (Entry entry : entries) {
            if (entry.environment() != null) {
                continue;
            }
            if (entry.fact() instanceof Fact.ProjectConfigured p) {
                created = created == null ? entry.at() : created;
                state = new ProjectState(p.name(), p.repositoryUrl(), p.defaultBranch(), created, entry.at());
            } else if (entry.fact() instanceof Fact.ProjectDeleted) {
                state = null;
            }
        }
        return Optional.ofNullable(state);
    }

    private History() {
    }
}
