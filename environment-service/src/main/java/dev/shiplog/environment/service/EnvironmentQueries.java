package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.configuration.ConfigurationRules;
import dev.shiplog.environment.domain.state.EnvironmentState;
import dev.shiplog.environment.domain.state.History;
import dev.shiplog.environment.repository.EnvironmentStore;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.EnvironmentRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Reads of the environments, for anyone with a role in the project: as they are now (the projection), or as they
 * were at an instant ({@code asOf}: folded from the journal by {@link History}, the same rules the projection
 * applied). A secret is never shown.
 */
@ApplicationScoped
public class EnvironmentQueries {

    private final EnvironmentStore environments;
    private final AccessGuard access;
    private final Journal journal;

    public EnvironmentQueries(EnvironmentStore environments, AccessGuard access, Journal journal) {
        this.environments = environments;
        this.access = access;
        this.journal = journal;
    }

    /** The environments of {@code projectId}, by name; at {@code asOf} if given. */
    @Transactional
    public List<EnvironmentState> ofProject(Caller caller, String projectId, String asOf) {
        Refusals.raise(ConfigurationRules.project(projectId));
        Instant at = AsOf.parse(asOf);
        access.requireToRead(caller, projectId);
        if (at != null) {
            return History.visibleEnvironments(projectId, journal.upTo(projectId, at));
        }
        return environments.ofProject(projectId);
    }

    /** One environment, or {@link NotFoundException}; at {@code asOf} if given. */
    @Transactional
    public EnvironmentState one(Caller caller, String projectId, String environment, String asOf) {
        Refusals.raise(ConfigurationRules.names(projectId, environment));
        Instant at = AsOf.parse(asOf);
        access.requireToRead(caller, projectId);
        if (at != null) {
            EnvironmentState state = History.environments(projectId, journal.upTo(projectId, at)).get(environment);
            if (state == null || !state.visible()) {
                throw new NotFoundException("No environment " + environment + " in project " + projectId + " at "
                        + at);
            }
            return state;
        }
        return environments.find(EnvironmentRef.of(projectId, environment)).orElseThrow(() -> new NotFoundException(
                "No environment " + environment + " in project " + projectId));
    }
}
