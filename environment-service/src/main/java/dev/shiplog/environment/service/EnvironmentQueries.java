package dev.shiplog.environment.service;

import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.kit.rest.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads of the environment projection, with the rules their parameters must follow. */
@ApplicationScoped
public class EnvironmentQueries {

    /** The environments of {@code projectId}, by name. */
    public List<EnvironmentEntity> ofProject(String projectId) {
        EnvironmentValidator.checkProject(projectId);
        return EnvironmentEntity.ofProject(projectId);
    }

    /** One environment, or {@link NotFoundException}. */
    public EnvironmentEntity one(String projectId, String environment) {
        EnvironmentValidator.checkNames(projectId, environment);
        EnvironmentEntity found = EnvironmentEntity.find(projectId, environment);
        if (found == null) {
            throw new NotFoundException("No environment " + environment + " in project " + projectId);
        }
        return found;
    }
}
