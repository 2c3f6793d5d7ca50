package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.Comparison;
import dev.shiplog.environment.domain.compare.Compare;
import dev.shiplog.environment.domain.configuration.ConfigurationRules;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.DeploymentReleaseEntity;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.environment.repository.ReleaseStore;
import dev.shiplog.environment.repository.VariableEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.secrets.SecretBox;
import dev.shiplog.kit.secrets.SecretUnavailableException;
import dev.shiplog.schema.EnvironmentRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two environments of a project compared ({@link Compare}), for anyone with a role in it: this class loads each side
 * (its settings, its variables with each secret opened only to be compared, what is live and what it was built
 * from) and asks the domain.
 */
@ApplicationScoped
public class EnvironmentComparison {

    private final EnvironmentMapper mapper;
    private final AccessGuard access;
    private final SecretBox secrets;
    private final ReleaseStore releases;

    public EnvironmentComparison(EnvironmentMapper mapper, AccessGuard access, SecretBox secrets,
            ReleaseStore releases) {
        this.mapper = mapper;
        this.access = access;
        this.secrets = secrets;
        this.releases = releases;
    }

    @Transactional
    public Comparison compare(Caller caller, String projectId, String from, String to) {
        if (from == null || to == null) {
            throw new InvalidInputException(from == null ? "from" : "to", "is required (an environment's name)");
        }
        Refusals.raise(ConfigurationRules.names(projectId, from));
        Refusals.raise(ConfigurationRules.names(projectId, to));
        access.requireToRead(caller, projectId);
        EnvironmentEntity a = existing(EnvironmentRef.of(projectId, from));
        EnvironmentEntity b = existing(EnvironmentRef.of(projectId, to));
        return Compare.between(side(a), side(b));
    }

    private Compare.Side side(EnvironmentEntity e) {
        Map<String, Compare.Held> variables = new TreeMap<>();
        for (VariableEntity v : VariableEntity.of(e.ref())) {
            variables.put(v.name, held(v));
        }
        DeploymentReleaseEntity live = releases.find(e.currentDeploymentId);
        return new Compare.Side(e.environment, mapper.settings(e.settingsJson), variables, e.currentDeploymentId,
                e.currentVersion, e.currentArtifact, live == null ? null : live.gitCommit,
                live == null ? null : mapper.history(live.historyJson));
    }

    private Compare.Held held(VariableEntity v) {
        if (!v.secret) {
            return Compare.Held.plain(v.value);
        }
        try {
            return Compare.Held.secret(secrets.open(v.sealed()));
        } catch (SecretUnavailableException e) {
            return Compare.Held.unopenable(); // cannot tell: reported as differing
        }
    }

    private static EnvironmentEntity existing(EnvironmentRef ref) {
        EnvironmentEntity found = EnvironmentEntity.find(ref);
        if (found == null || found.deletedAt != null) {
            throw new NotFoundException("No environment " + ref.environment() + " in project " + ref.projectId());
        }
        return found;
    }
}
