package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.Environment;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads of the environment projection, with the rules their parameters must follow. */
@ApplicationScoped
public class EnvironmentQueries {

    private final EnvironmentMapper mapper;
    private final AccessGuard access;

    public EnvironmentQueries(EnvironmentMapper mapper, AccessGuard access) {
        this.mapper = mapper;
        this.access = access;
    }

    /** The environments of {@code projectId}, by name, for anyone with a role in it. */
    public List<Environment> ofProject(Caller caller, String projectId) {
        EnvironmentValidator.checkProject(projectId);
        access.requireToRead(caller, projectId);
        return EnvironmentEntity.ofProject(projectId).stream().map(this::toDomain).toList();
    }

    /** One environment, or {@link NotFoundException}. */
    public Environment one(Caller caller, String projectId, String environment) {
        EnvironmentValidator.checkNames(projectId, environment);
        access.requireToRead(caller, projectId);
        EnvironmentEntity found = EnvironmentEntity.find(projectId, environment);
        if (found == null) {
            throw new NotFoundException("No environment " + environment + " in project " + projectId);
        }
        return toDomain(found);
    }

    private Environment toDomain(EnvironmentEntity e) {
        return new Environment(Topics.environmentKey(e.projectId, e.name), e.projectId, e.name, e.url,
                mapper.settings(e.settingsJson), e.isProtected, e.approvalRequired, e.bakeSeconds, e.status,
                e.currentDeploymentId, e.currentVersion, e.pinnedBy == null ? null
                        : new Environment.Pin(e.pinnedRollback, e.pinnedReason, e.pinnedBy, e.pinnedAt),
                e.createdAt, e.updatedAt);
    }
}
