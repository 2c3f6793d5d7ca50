package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.ProjectChange;
import dev.shiplog.environment.domain.configuration.ProjectRules;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.EnvironmentStore;
import dev.shiplog.environment.repository.ProjectEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.config.GitSourcesConfig;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.environment.EnvironmentDeleted;
import dev.shiplog.schema.environment.ProjectConfigured;
import dev.shiplog.schema.environment.ProjectDeleted;
import dev.shiplog.schema.rules.GitSources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Projects as events: {@code ProjectConfigured} (a new one also gets its first environments, {@link ProjectRules}),
 * {@code ProjectDeleted} (each environment gets an {@code EnvironmentDeleted} first). An instance administrator
 * creates a project; a maintainer of it changes it; an admin of it deletes it. Each answers once this service's view
 * shows all it wrote.
 */
@ApplicationScoped
public class ProjectCommands {

    private final EnvironmentLog log;
    private final EnvironmentStore environments;
    private final AccessGuard access;
    private final GitSources.Policy sources;

    public ProjectCommands(EnvironmentLog log, EnvironmentStore environments, AccessGuard access,
            GitSourcesConfig sources) {
        this.log = log;
        this.environments = environments;
        this.access = access;
        this.sources = sources.policy();
    }

    /** Creates or changes a project; returns where its events are on the log (its environments' too). */
    public List<LogPosition> configure(String projectId, ProjectChange change, Caller caller) {
        Refusals.raise(ProjectRules.configuration(projectId, change, sources));
        boolean creating = !exists(projectId);
        Actor actor = creating ? access.requireInstanceAdmin(caller, "project.create", projectId)
                : access.require(caller, projectId, Role.MAINTAINER, "project.configure", null, null,
                        "changing the project");
        // after the access check: who may not change the project does not learn whose a repository is
        // where they really are too: a link in the local roots to another project's repository is that repository
        Refusals.raise(ProjectRules.repositoryClaim(change, GitSources.followLinks(change.repositoryUrl()),
                QuarkusTransaction.requiringNew().call(() -> ProjectEntity.othersWithRepository(projectId).stream()
                        .flatMap(p -> Stream.of(p.repositoryUrl, GitSources.followLinks(p.repositoryUrl))).toList())));
        List<LogPosition> written = new ArrayList<>();
        LogPosition project = log.writeProject(projectId, ProjectConfigured.newBuilder()
                .setEnvelope(Envelopes.root(actor, projectId, null)).setProjectId(projectId).setName(change.name())
                .setRepositoryUrl(change.repositoryUrl()).setDefaultBranch(change.defaultBranch())
                .setAllowOtherSources(change.allowOtherSources())
                .setBuildDefaults(change.buildDefaults() == null ? null
                        : EnvironmentMapper.toAvro(change.buildDefaults()))
                .build());
        if (creating) {
            Map<String, EnvironmentChange> first = ProjectRules.firstEnvironments(projectId, new HashSet<>(
                    QuarkusTransaction.requiringNew().call(() -> environments.names(projectId))));
            first.forEach((environment, defaults) -> {
                EnvironmentRef ref = EnvironmentRef.of(projectId, environment);
                written.add(log.write(ref, EnvironmentCommands.configured(ref, defaults, actor)));
            });
        }
        written.add(project);
        written.forEach(log::seen); // each on its own partition: the view shows them all
        return written;
    }

    /**
     * Deletes a project and its environments (an admin of it may): 409 while something is live in one of them,
     * unless {@code force}.
     */
    public List<LogPosition> delete(String projectId, boolean force, String reason, Caller caller) {
        Refusals.raise(ProjectRules.deletionInput(projectId, reason));
        Actor actor = access.require(caller, projectId, Role.ADMIN, "project.delete", null, null,
                "deleting the project");
        List<String> live = QuarkusTransaction.requiringNew().call(() -> environments.withSomethingLive(projectId));
        Refusals.raise(ProjectRules.deletion(projectId, exists(projectId), live, force));
        // each environment on its own key (ordered with everything else about it), then the project
        List<LogPosition> written = new ArrayList<>();
        for (String environment : QuarkusTransaction.requiringNew().call(() -> environments.names(projectId))) {
            EnvironmentRef ref = EnvironmentRef.of(projectId, environment);
            written.add(log.write(ref, EnvironmentDeleted.newBuilder()
                    .setEnvelope(Envelopes.root(actor, ref.key(), null)).setProjectId(projectId)
                    .setEnvironment(ref.environment()).setReason(reason).build()));
        }
        written.add(log.writeProject(projectId, ProjectDeleted.newBuilder()
                .setEnvelope(Envelopes.root(actor, projectId, null)).setProjectId(projectId).setForced(force)
                .setReason(reason).build()));
        written.forEach(log::seen);
        return written;
    }

    private static boolean exists(String projectId) {
        ProjectEntity found = QuarkusTransaction.requiringNew().call(() -> ProjectEntity.findById(projectId));
        return found != null && found.deletedAt == null;
    }
}
