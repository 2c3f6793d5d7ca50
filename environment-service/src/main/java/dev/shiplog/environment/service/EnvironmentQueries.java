package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.Environment;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads of the environment projection, with the rules their parameters must follow. */
@ApplicationScoped
public class EnvironmentQueries {

    private final EnvironmentMapper mapper;

    public EnvironmentQueries(EnvironmentMapper mapper) {
        this.mapper = mapper;
    }

    /** The environments of {@code projectId}, by name. */
    public List<Environment> ofProject(String projectId) {
        EnvironmentValidator.checkProject(projectId);
        return EnvironmentEntity.ofProject(projectId).stream().map(this::toDomain).toList();
    }

    /** One environment, or {@link NotFoundException}. */
    public Environment one(String projectId, String environment) {
        EnvironmentValidator.checkNames(projectId, environment);
        EnvironmentEntity found = EnvironmentEntity.find(projectId, environment);
        if (found == null) {
            throw new NotFoundException("No environment " + environment + " in project " + projectId);
        }
        return toDomain(found);
    }

    private Environment toDomain(EnvironmentEntity e) {
        return new Environment(Topics.environmentKey(e.projectId, e.name), e.projectId, e.name, e.url,
                mapper.settings(e.settingsJson), e.isProtected, e.status, e.currentDeploymentId, e.currentVersion,
                e.createdAt, e.updatedAt);
    }
}
