package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.Project;
import dev.shiplog.environment.domain.configuration.ConfigurationRules;
import dev.shiplog.environment.domain.state.EnvironmentState;
import dev.shiplog.environment.domain.state.History;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.EnvironmentStore;
import dev.shiplog.environment.repository.ProjectEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The projects the caller may see (an instance administrator all of them), each with its environments as the ops
 * overview shows them: the version live there, its health, its pin; now, or at an instant ({@code asOf}).
 */
@ApplicationScoped
public class ProjectQueries {

    private final EnvironmentMapper mapper;
    private final AccessGuard access;
    private final EnvironmentStore environments;
    private final Journal journal;

    public ProjectQueries(EnvironmentMapper mapper, AccessGuard access, EnvironmentStore environments,
            Journal journal) {
        this.mapper = mapper;
        this.access = access;
        this.environments = environments;
        this.journal = journal;
    }

    @Transactional
    public List<Project> list(Caller caller, String asOf) {
        Instant at = AsOf.parse(asOf);
        List<Project> out = new ArrayList<>();
        if (at == null) {
            for (ProjectEntity p : ProjectEntity.existing()) {
                if (visible(caller, p.projectId)) {
                    out.add(now(p));
                }
            }
            return out;
        }
        for (String projectId : journal.projectsUpTo(at)) {
            if (visible(caller, projectId)) {
                past(projectId, at).ifPresent(out::add);
            }
        }
        return out;
    }

    @Transactional
    public Project one(Caller caller, String projectId, String asOf) {
        Refusals.raise(ConfigurationRules.project(projectId));
        Instant at = AsOf.parse(asOf);
        access.requireToRead(caller, projectId);
        if (at != null) {
            return past(projectId, at).orElseThrow(() -> new NotFoundException("No project " + projectId + " at "
                    + at));
        }
        ProjectEntity p = ProjectEntity.findById(projectId);
        if (p == null || p.deletedAt != null) {
            throw new NotFoundException("No project " + projectId);
        }
        return now(p);
    }

    private boolean visible(Caller caller, String projectId) {
        return access.roleIn(caller, projectId).isPresent();
    }

    private Project now(ProjectEntity p) {
        return new Project(p.projectId, p.name, p.repositoryUrl, p.defaultBranch,
                mapper.buildDefaults(p.buildDefaultsJson), p.allowOtherSources, summaries(environments.ofProject(p.projectId)),
                p.createdAt, p.updatedAt);
    }

    /** The project as it was at {@code at}, folded from the journal; empty if it did not exist then. */
    private Optional<Project> past(String projectId, Instant at) {
        List<History.Entry> entries = journal.upTo(projectId, at);
        return History.project(entries).map(p -> new Project(projectId, p.name(), p.repositoryUrl(),
                p.defaultBranch(), null, null, summaries(History.visibleEnvironments(projectId, entries)), p.createdAt(),
                p.updatedAt()));
    }

    private static List<Project.EnvironmentSummary> summaries(List<EnvironmentState> environments) {
        return environments.stream().map(e -> new Project.EnvironmentSummary(e.name(), e.status(),
                e.live() == null ? null : e.live().deploymentId(), e.live() == null ? null : e.live().version(),
                e.pin() != null, e.isProtected())).toList();
    }
}
