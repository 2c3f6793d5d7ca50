package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.Release;
import dev.shiplog.deployment.domain.ReleasePage;
import dev.shiplog.deployment.domain.RetentionPolicy;
import dev.shiplog.deployment.domain.release.ReleaseHistoryView;
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
import dev.shiplog.schema.rules.ReleaseLine;
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
        ReleaseLine line = ReleaseEntity.line(projectId, environment);
        List<Release> releases = ReleaseHistoryView.page(line, page, size).stream().map(r -> {
            ReleaseEntity row = ReleaseEntity.findById(r.deploymentId());
            DeploymentEntity d = DeploymentEntity.findById(r.deploymentId());
            var deleted = facts.deletedAt(projectId, r.artifactId());
            boolean isLive = line.isLive(r.deploymentId());
            return new Release(r.deploymentId(), d == null ? null : d.kind, d == null ? null : d.version,
                    r.artifactId(), d == null ? null : mapper.settings(d.configJson),
                    d == null ? null : shown(mapper.snapshot(d.snapshotJson)), d == null ? null : d.initiatedBy,
                    row.activatedAt, isLive, isLive ? null : row.ended, isLive ? null : row.endedAt,
                    isLive ? null : row.endedBy, isLive ? null : row.endedReason, deleted.isEmpty(),
                    deleted.orElse(null));
        }).toList();
        return new ReleasePage(projectId, environment, facts.pin(projectId, environment).orElse(null), releases, page,
                size, ReleaseHistoryView.newestFirst(line).size());
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
