package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.Environment;
import dev.shiplog.environment.domain.Project;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.environment.repository.JournalEntry;
import dev.shiplog.environment.repository.ProjectEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The projects the caller may see (an instance administrator all of them), each with its environments as the ops
 * overview shows them: the version live there, its health, its pin; now, or at an instant ({@code asOf}).
 */
@ApplicationScoped
public class ProjectQueries {

    private final EnvironmentMapper mapper;
    private final AccessGuard access;
    private final EnvironmentQueries environments;
    private final Journal journal;

    public ProjectQueries(EnvironmentMapper mapper, AccessGuard access, EnvironmentQueries environments,
            Journal journal) {
        this.mapper = mapper;
        this.access = access;
        this.environments = environments;
        this.journal = journal;
    }

    @Transactional
    public List<Project> list(Caller caller, String asOf) {
        Instant at = EnvironmentQueries.instant(asOf);
        List<Project> out = new ArrayList<>();
        if (at == null) {
            for (ProjectEntity p : ProjectEntity.existing()) {
                if (visible(caller, p.projectId)) {
                    out.add(toDomain(p));
                }
            }
            return out;
        }
        for (String projectId : JournalEntry.projectsUpTo(at)) {
            if (visible(caller, projectId)) {
                past(projectId, at).ifPresent(out::add);
            }
        }
        return out;
    }

    @Transactional
    public Project one(Caller caller, String projectId, String asOf) {
        EnvironmentValidator.checkProject(projectId);
        Instant at = EnvironmentQueries.instant(asOf);
        access.requireToRead(caller, projectId);
        if (at != null) {
            return past(projectId, at).orElseThrow(() -> new NotFoundException("No project " + projectId + " at "
                    + at));
        }
        ProjectEntity p = ProjectEntity.findById(projectId);
        if (p == null || p.deletedAt != null) {
            throw new NotFoundException("No project " + projectId);
        }
        return toDomain(p);
    }

    private boolean visible(Caller caller, String projectId) {
        return access.roleIn(caller, projectId).isPresent();
    }

    private Project toDomain(ProjectEntity p) {
        List<Project.EnvironmentSummary> envs = EnvironmentEntity.ofProject(p.projectId).stream()
                .map(e -> new Project.EnvironmentSummary(e.name, e.status, e.currentDeploymentId, e.currentVersion,
                        e.pinnedBy != null, e.isProtected)).toList();
        return new Project(p.projectId, p.name, p.repositoryUrl, p.defaultBranch,
                mapper.buildDefaults(p.buildDefaultsJson), envs, p.createdAt, p.updatedAt);
    }

    /** The project as it was at {@code at}, folded from the journal; empty if it did not exist then. */
    private java.util.Optional<Project> past(String projectId, Instant at) {
        List<JournalEntry> entries = JournalEntry.upTo(projectId, at);
        String name = null;
        String repositoryUrl = null;
        String defaultBranch = null;
        Instant created = null;
        Instant updated = null;
        boolean deleted = false;
        for (JournalEntry entry : entries) {
            if (entry.environment != null) {
                continue;
            }
            Map<String, Object> p = journal.payload(entry.payload);
            if (EnvironmentState.PROJECT.equals(entry.kind)) {
                name = (String) p.get("name");
                repositoryUrl = (String) p.get("repositoryUrl");
                defaultBranch = (String) p.get("defaultBranch");
                created = created == null ? entry.occurredAt : created;
                updated = entry.occurredAt;
                deleted = false;
            } else if (EnvironmentState.PROJECT_DELETED.equals(entry.kind)) {
                deleted = true;
            }
        }
        if (name == null || deleted) {
            return java.util.Optional.empty();
        }
        // the environments folded from the same entries (not read again)
        List<Project.EnvironmentSummary> envs = EnvironmentState.fold(projectId, entries, journal::payload).values()
                .stream()
                .filter(s -> !s.deleted).map(environments::toDomain)
                .map(e -> new Project.EnvironmentSummary(e.name(), e.status(), e.currentDeployment(),
                        e.currentVersion(), e.pin() != null, e.isProtected())).toList();
        return java.util.Optional.of(new Project(projectId, name, repositoryUrl, defaultBranch, null, envs, created,
                updated));
    }
}
