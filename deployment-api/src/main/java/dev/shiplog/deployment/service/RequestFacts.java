package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.ReleasePage;
import dev.shiplog.deployment.domain.Snapshot;
import dev.shiplog.deployment.domain.request.DeploymentRequestRules;
import dev.shiplog.deployment.domain.request.ProjectDefaults;
import dev.shiplog.deployment.domain.request.SourceOwnership;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.deployment.repository.KnownProject;
import dev.shiplog.deployment.repository.ReleaseFacts;
import dev.shiplog.schema.rules.FieldRules;
import dev.shiplog.schema.rules.GitSources;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the rules of a deployment request need to know, as this service knows it now: its projections of projects and
 * environments (from the log), the pins, the source archive store.
 */
@ApplicationScoped
public class RequestFacts implements DeploymentRequestRules.Facts {

    /** An environment as a deployment into it sees it now: protected, needing approvals, its configuration. */
    record EnvironmentNow(boolean protectedEnvironment, boolean approvalRequired, Snapshot snapshot) {
    }

    private final SourceArchives sources;
    private final DeploymentMapper mapper;
    private final ReleaseFacts releases;

    public RequestFacts(SourceArchives sources, DeploymentMapper mapper, ReleaseFacts releases) {
        this.sources = sources;
        this.mapper = mapper;
        this.releases = releases;
    }

    @Override
    public boolean archiveOf(String projectId, String archiveId) {
        return sources.belongsTo(projectId, archiveId);
    }

    @Override
    public boolean environmentExists(String projectId, String environment) {
        return Tx.read(() -> KnownEnvironment.exists(projectId, environment));
    }

    @Override
    public boolean projectExists(String projectId) {
        return Tx.read(() -> KnownEnvironment.projectExists(projectId));
    }

    @Override
    public SourceOwnership.Owner sourceOwner(String projectId) {
        KnownProject project = Tx.read(() -> KnownProject.findById(projectId));
        return project == null ? SourceOwnership.Owner.NONE
                : new SourceOwnership.Owner(project.repositoryUrl, project.allowOtherSources);
    }

    /**
     * Compared where they really are too: a link in the local roots to another project's repository is that
     * repository (the worker would check out what the link leads to).
     */
    @Override
    public boolean anotherProjectsRepository(String projectId, String gitUrl) {
        String real = GitSources.followLinks(gitUrl);
        return Tx.read(() -> KnownProject.othersRepositories(projectId)).stream()
                .anyMatch(repository -> GitSources.sameSource(repository, gitUrl)
                        || GitSources.sameSource(GitSources.followLinks(repository), real));
    }

    /** The project's repository and build defaults; null when it sets none, or is not a valid name. */
    ProjectDefaults projectDefaults(String projectId) {
        if (projectId == null || FieldRules.name(projectId) != null) {
            return null;
        }
        KnownProject project = Tx.read(() -> KnownProject.findById(projectId));
        return project == null ? null : new ProjectDefaults(project.repositoryUrl, project.defaultBranch,
                project.buildDefaultsJson == null ? null : mapper.settings(project.buildDefaultsJson));
    }

    /** The environment as it is now, null if it does not exist. */
    EnvironmentNow environment(String projectId, String environment) {
        KnownEnvironment known = Tx.read(() -> KnownEnvironment.find(projectId, environment));
        return known == null ? null : new EnvironmentNow(known.protectedEnvironment, known.approvalRequired,
                new Snapshot(known.url, mapper.map(known.settingsJson), known.bakeSeconds,
                        mapper.map(known.variablesJson), mapper.sealed(known.secretsJson)));
    }

    /** The environment's pin, null when it is not pinned. */
    /** How many deployments wait (scheduled or pending) in the environment, as the history shows them now. */
    long waiting(String projectId, String environment) {
        return Tx.read(() -> DeploymentEntity.count("projectId = ?1 and environment = ?2 and status in ?3", projectId,
                environment, java.util.List.of(DeploymentStatus.SCHEDULED.wire(), DeploymentStatus.PENDING.wire())));
    }

    ReleasePage.Pin pin(String projectId, String environment) {
        return Tx.read(() -> releases.pin(projectId, environment)).orElse(null);
    }
}
