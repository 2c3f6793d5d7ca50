package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.Release;
import dev.shiplog.deployment.domain.ReleasePage;
import dev.shiplog.deployment.domain.RetentionPolicy;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.deployment.repository.ReleaseEntity;
import dev.shiplog.deployment.repository.ReleaseFacts;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/** The release history of an environment, and a project's retention policy, for viewers of the project. */
@ApplicationScoped
public class ReleaseQueries {

    private final DeploymentMapper mapper;
    private final ReleaseFacts facts;
    private final AccessGuard access;

    public ReleaseQueries(DeploymentMapper mapper, ReleaseFacts facts, AccessGuard access) {
        this.mapper = mapper;
        this.facts = facts;
        this.access = access;
    }

    /** Every release that was live in the environment, newest first; whether each can still be restored. */
    @Transactional
    public ReleasePage releases(Caller caller, String projectId, String environment, int page, int size) {
        names(projectId, environment);
        access.requireToRead(caller, projectId);
        if (KnownEnvironment.find(projectId, environment) == null) {
            throw new NotFoundException("No environment " + environment + " in project " + projectId);
        }
        ReleaseEntity live = ReleaseEntity.live(projectId, environment);
        List<Release> releases = ReleaseEntity.history(projectId, environment, page, size).stream().map(r -> {
            DeploymentEntity d = DeploymentEntity.findById(r.deploymentId);
            var deleted = facts.deletedAt(projectId, r.artifactId);
            boolean isLive = live != null && live.deploymentId.equals(r.deploymentId);
            return new Release(r.deploymentId, d == null ? null : d.kind, d == null ? null : d.version, r.artifactId,
                    d == null ? null : mapper.settings(d.configJson), d == null ? null : shown(mapper.snapshot(d.snapshotJson)),
                    d == null ? null : d.initiatedBy, r.activatedAt, isLive, isLive ? null : r.ended,
                    isLive ? null : r.endedAt, isLive ? null : r.endedBy, isLive ? null : r.endedReason,
                    deleted.isEmpty(), deleted.orElse(null));
        }).toList();
        ReleasePage.Pin pin = facts.pin(projectId, environment)
                .map(p -> new ReleasePage.Pin(p.rollbackDeploymentId(), p.reason(), p.by(), p.at())).orElse(null);
        return new ReleasePage(projectId, environment, pin, releases, page, size,
                ReleaseEntity.count(projectId, environment));
    }

    /** The project's retention policy, or the platform's default when it set none. */
    @Transactional
    public RetentionPolicy retention(Caller caller, String projectId) {
        if (FieldRules.name(projectId) != null) {
            throw new InvalidInputException("projectId", FieldRules.NAME_RULE);
        }
        access.requireToRead(caller, projectId);
        return facts.policy(projectId)
                .map(p -> new RetentionPolicy(projectId, p.keepLast(), p.keepDays(), false, p.setBy(), p.setAt()))
                .orElse(new RetentionPolicy(projectId, FieldRules.DEFAULT_KEEP_LAST, null, true, null, null));
    }

    private static void names(String projectId, String environment) {
        List<Violation> violations = new ArrayList<>();
        if (FieldRules.name(projectId) != null) {
            violations.add(new Violation("projectId", FieldRules.NAME_RULE));
        }
        if (FieldRules.name(environment) != null) {
            violations.add(new Violation("environment", FieldRules.NAME_RULE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static dev.shiplog.deployment.domain.Snapshot shown(dev.shiplog.deployment.domain.Snapshot snapshot) {
        return snapshot == null ? null : snapshot.shown();
    }
}
