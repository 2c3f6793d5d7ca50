package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.Project;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.environment.repository.ProjectEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.LogPosition;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentDeleted;
import dev.shiplog.schema.environment.ProjectConfigured;
import dev.shiplog.schema.environment.ProjectDeleted;
import dev.shiplog.schema.rules.EnvironmentSettings;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Projects as events: {@code ProjectConfigured} (a new one also gets {@code staging} and {@code production}, with
 * PRD section 9's settings; production protected), {@code ProjectDeleted} (refused while something is live in it,
 * unless forced; each environment gets an {@code EnvironmentDeleted} first). An instance administrator creates a project; a maintainer of it changes it; an admin of it deletes
 * it.
 */
@ApplicationScoped
public class ProjectCommands {

    static final List<String> FIRST_ENVIRONMENTS = List.of("staging", "production");

    private final EnvironmentCommands environments;
    private final EnvironmentMapper mapper;
    private final AccessGuard access;

    public ProjectCommands(EnvironmentCommands environments, EnvironmentMapper mapper, AccessGuard access) {
        this.environments = environments;
        this.mapper = mapper;
        this.access = access;
    }

    /** A project's configuration as asked: name, where its code is, its default branch, its build defaults. */
    public record Change(String name, String repositoryUrl, String defaultBranch, Project.BuildDefaults buildDefaults) {
    }

    /** Creates or changes a project; returns where its events are on the log (its environments' too). */
    public List<LogPosition> configure(String projectId, Change change, Caller caller) {
        List<Violation> violations = new ArrayList<>();
        check(violations, "projectId", projectId == null ? "is required" : FieldRules.name(projectId) == null ? null
                : FieldRules.NAME_RULE);
        check(violations, "name", change.name() == null ? "is required" : FieldRules.line(change.name(), 200));
        if (change.repositoryUrl() != null) {
            check(violations, "repositoryUrl", FieldRules.gitUrl(change.repositoryUrl()));
        }
        if (change.defaultBranch() != null) {
            check(violations, "defaultBranch", FieldRules.gitBranch(change.defaultBranch()));
        }
        Project.BuildDefaults d = change.buildDefaults();
        if (d != null) {
            optional(violations, "buildDefaults.installCommand", d.installCommand(),
                    v -> FieldRules.text(v, FieldRules.COMMAND));
            optional(violations, "buildDefaults.buildCommand", d.buildCommand(),
                    v -> FieldRules.text(v, FieldRules.COMMAND));
            optional(violations, "buildDefaults.outputDirectory", d.outputDirectory(), FieldRules::relativePath);
            optional(violations, "buildDefaults.healthCheckPath", d.healthCheckPath(), FieldRules::healthCheckPath);
            optional(violations, "buildDefaults.nodeVersion", d.nodeVersion(), FieldRules::nodeVersion);
            if (d.timeout() != null) {
                check(violations, "buildDefaults.timeout", FieldRules.timeoutSeconds(d.timeout()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        ProjectEntity existing = QuarkusTransaction.requiringNew().call(() -> ProjectEntity.findById(projectId));
        boolean creating = existing == null || existing.deletedAt != null;
        Actor actor = creating ? access.requireInstanceAdmin(caller, "project.create", projectId)
                : access.require(caller, projectId, Role.MAINTAINER, "project.configure", null, null,
                        "changing the project");
        List<LogPosition> written = new ArrayList<>();
        LogPosition last = environments.publishProject(projectId, ProjectConfigured.newBuilder()
                .setEnvelope(Envelopes.root(actor, projectId, null)).setProjectId(projectId).setName(change.name())
                .setRepositoryUrl(change.repositoryUrl()).setDefaultBranch(change.defaultBranch())
                .setBuildDefaults(d == null ? null : mapper.toAvro(d)).build());
        if (creating) {
            for (String environment : FIRST_ENVIRONMENTS) {
                EnvironmentEntity env = QuarkusTransaction.requiringNew().call(() -> EnvironmentEntity.find(projectId,
                        environment));
                if (env == null || env.deletedAt != null) {
                    EnvironmentChange defaults = new EnvironmentChange(null,
                            EnvironmentSettings.defaults(projectId, environment), environment.equals("production"),
                            false, null);
                    written.add(environments.publish(projectId, environment,
                            environments.configured(projectId, environment, defaults, actor)));
                }
            }
        }
        written.add(last);
        written.forEach(environments::seen); // each on its own partition: the view shows them all
        return written;
    }

    /**
     * Deletes a project and its environments (an admin of it may): 409 while something is live in one of them,
     * unless {@code force}.
     */
    public List<LogPosition> delete(String projectId, boolean force, String reason, Caller caller) {
        EnvironmentValidator.checkProject(projectId);
        if (reason != null && FieldRules.line(reason, FieldRules.REASON) != null) {
            throw new InvalidInputException("reason", FieldRules.line(reason, FieldRules.REASON));
        }
        Actor actor = access.require(caller, projectId, Role.ADMIN, "project.delete", null, null,
                "deleting the project");
        ProjectEntity existing = QuarkusTransaction.requiringNew().call(() -> ProjectEntity.findById(projectId));
        if (existing == null || existing.deletedAt != null) {
            throw new NotFoundException("No project " + projectId);
        }
        List<String> live = QuarkusTransaction.requiringNew().call(() -> EnvironmentEntity.ofProject(projectId)
                .stream().filter(e -> e.currentDeploymentId != null).map(e -> e.name).toList());
        if (!live.isEmpty() && !force) {
            throw new ConflictException("force", "something is live in " + String.join(", ", live) + " of project "
                    + projectId + ": delete it with ?force=true");
        }
        // each environment on its own key (ordered with everything else about it), then the project
        List<LogPosition> written = new ArrayList<>();
        for (EnvironmentEntity env : QuarkusTransaction.requiringNew().call(() -> EnvironmentEntity.ofProject(
                projectId))) {
            written.add(environments.publish(projectId, env.name, EnvironmentDeleted.newBuilder()
                    .setEnvelope(Envelopes.root(actor, Topics.environmentKey(projectId, env.name), null))
                    .setProjectId(projectId).setEnvironment(env.name).setReason(reason).build()));
        }
        written.add(environments.publishProject(projectId, ProjectDeleted.newBuilder()
                .setEnvelope(Envelopes.root(actor, projectId, null)).setProjectId(projectId).setForced(force)
                .setReason(reason).build()));
        written.forEach(environments::seen);
        return written;
    }

    private static void check(List<Violation> violations, String field, String rule) {
        if (rule != null) {
            violations.add(new Violation(field, rule));
        }
    }

    private static void optional(List<Violation> violations, String field, String value,
            Function<String, String> rule) {
        if (value != null) {
            check(violations, field, rule.apply(value));
        }
    }
}
