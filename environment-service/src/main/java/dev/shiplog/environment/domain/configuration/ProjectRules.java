package dev.shiplog.environment.domain.configuration;

import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.Project;
import dev.shiplog.environment.domain.ProjectChange;
import dev.shiplog.environment.domain.Refusal;
import dev.shiplog.schema.rules.EventRules.Violation;
import dev.shiplog.schema.rules.FieldRules;
import dev.shiplog.schema.rules.GitSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of a project: what its configuration may hold, what a new one gets ({@code staging} and
 * {@code production}, with PRD section 9's settings), and when it may be deleted (not while something is live in
 * it, unless forced).
 */
public final class ProjectRules {

    /** The environments a new project gets, in the order they are written. */
    public static final List<String> FIRST_ENVIRONMENTS = List.of("staging", "production");
    /** The longest project name. */
    public static final int MAX_NAME = 200;

    /**
     * Every rule a project's configuration breaks, or null when it may be accepted. Its repository must be a source a
     * deployment may take code from ({@code sources}: the platform's machine and networks are not, unless allowed).
     */
    public static Refusal configuration(String projectId, ProjectChange change, GitSources.Policy sources) {
        List<Violation> out = new ArrayList<>();
        check(out, "projectId", projectId == null ? "is required"
                : FieldRules.name(projectId) == null ? null : FieldRules.NAME_RULE);
        check(out, "name", change.name() == null ? "is required" : FieldRules.line(change.name(), MAX_NAME));
        optional(out, "repositoryUrl", change.repositoryUrl(), url -> FieldRules.gitUrl(url) != null
                ? FieldRules.gitUrl(url) : GitSources.check(url, sources));
        optional(out, "defaultBranch", change.defaultBranch(), FieldRules::gitBranch);
        Project.BuildDefaults d = change.buildDefaults();
        if (d != null) {
            optional(out, "buildDefaults.installCommand", d.installCommand(),
                    v -> FieldRules.text(v, FieldRules.COMMAND));
            optional(out, "buildDefaults.buildCommand", d.buildCommand(), v -> FieldRules.text(v, FieldRules.COMMAND));
            optional(out, "buildDefaults.startCommand", d.startCommand(), v -> FieldRules.text(v, FieldRules.COMMAND));
            optional(out, "buildDefaults.outputDirectory", d.outputDirectory(), FieldRules::relativePath);
            optional(out, "buildDefaults.healthCheckPath", d.healthCheckPath(), FieldRules::healthCheckPath);
            optional(out, "buildDefaults.nodeVersion", d.nodeVersion(), FieldRules::nodeVersion);
            if (d.timeout() != null) {
                check(out, "buildDefaults.timeout", FieldRules.timeoutSeconds(d.timeout()));
            }
        }
        return Refusal.ifAny(out);
    }

    /**
     * The environments a project being created gets, each with its configuration: those of
     * {@link #FIRST_ENVIRONMENTS} that do not exist ({@code existing}: the environments of the project that exist and
     * were not deleted), so one made before the project keeps its own.
     */
    public static Map<String, EnvironmentChange> firstEnvironments(String projectId, Set<String> existing) {
        Map<String, EnvironmentChange> out = new LinkedHashMap<>();
        for (String environment : FIRST_ENVIRONMENTS) {
            if (!existing.contains(environment)) {
                out.put(environment, ConfigurationRules.defaults(projectId, environment));
            }
        }
        return out;
    }

    /** Why a deletion's input is invalid (the project id, the reason), or null. */
    /**
     * A repository is one project's: a project may not take the repository of another ({@code othersRepositories}),
     * or its deployments could build that project's code; {@code realUrl} is where the asked one really is (a link
     * in the local roots followed), the others are given both ways too.
     */
    public static Refusal repositoryClaim(ProjectChange change, String realUrl, List<String> othersRepositories) {
        if (change.repositoryUrl() != null && othersRepositories.stream().anyMatch(r ->
                GitSources.sameSource(r, change.repositoryUrl()) || GitSources.sameSource(r, realUrl))) {
            return new Refusal.Conflict("repositoryUrl", "is another project's repository (a repository belongs to"
                    + " one project)");
        }
        return null;
    }

    public static Refusal deletionInput(String projectId, String reason) {
        Refusal project = ConfigurationRules.project(projectId);
        if (project != null) {
            return project;
        }
        if (reason != null && FieldRules.line(reason, FieldRules.REASON) != null) {
            return new Refusal.Invalid(List.of(new Violation("reason", FieldRules.line(reason, FieldRules.REASON))));
        }
        return null;
    }

    /**
     * Why the project cannot be deleted now, or null: it does not exist, or something is live in {@code live} (the
     * environments with a live release) and the deletion is not forced.
     */
    public static Refusal deletion(String projectId, boolean exists, List<String> live, boolean force) {
        if (!exists) {
            return new Refusal.NotFound("No project " + projectId);
        }
        if (!live.isEmpty() && !force) {
            return new Refusal.Conflict("force", "something is live in " + String.join(", ", live) + " of project "
                    + projectId + ": delete it with ?force=true");
        }
        return null;
    }

    private static void check(List<Violation> out, String field, String rule) {
        if (rule != null) {
            out.add(new Violation(field, rule));
        }
    }

    private static void optional(List<Violation> out, String field, String value, Function<String, String> rule) {
        if (value != null) {
            check(out, field, rule.apply(value));
        }
    }

    private ProjectRules() {
    }
}
