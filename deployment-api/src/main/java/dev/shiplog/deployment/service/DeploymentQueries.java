package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.Deployment;
import dev.shiplog.deployment.domain.DeploymentPage;
import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.LogPage;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.DeploymentStageEntity;
import dev.shiplog.deployment.repository.LogChunkEntity;
import dev.shiplog.deployment.repository.ReleaseEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads of the history and the logs, with the rules their parameters follow. */
@ApplicationScoped
public class DeploymentQueries {

    /** A log page holds at most about this many characters, whatever the build printed. */
    public static final long MAX_LOG_PAGE_CHARS = 4L * 1024 * 1024;

    private final DeploymentMapper mapper;
    private final AccessGuard access;

    public DeploymentQueries(DeploymentMapper mapper, AccessGuard access) {
        this.mapper = mapper;
        this.access = access;
    }

    /** A deployment, for a viewer of its project. */
    public Deployment deployment(Caller caller, String id) {
        if (FieldRules.identifier(id) != null) {
            throw new InvalidInputException("id", FieldRules.identifier(id));
        }
        DeploymentEntity deployment = DeploymentEntity.findById(id);
        if (deployment == null || !access.maySee(caller, deployment.projectId)) {
            throw new NotFoundException("No deployment " + id);
        }
        return toDomain(deployment);
    }

    /** A project's deployments, newest first, filtered by environment and status. */
    public DeploymentPage list(Caller caller, String projectId, String environment, String status, int page,
            int size) {
        List<Violation> violations = new ArrayList<>();
        if (FieldRules.name(projectId) != null) {
            violations.add(new Violation("projectId", FieldRules.NAME_RULE));
        }
        if (environment != null && FieldRules.name(environment) != null) {
            violations.add(new Violation("environment", FieldRules.NAME_RULE));
        }
        if (status != null && DeploymentStatus.fromWire(status).isEmpty()) {
            violations.add(new Violation("status", "must be one of " + Arrays.stream(DeploymentStatus.values())
                    .map(DeploymentStatus::wire).toList()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        access.requireToRead(caller, projectId);
        StringBuilder query = new StringBuilder("projectId = :project");
        Parameters parameters = Parameters.with("project", projectId);
        if (environment != null) {
            query.append(" and environment = :environment");
            parameters.and("environment", environment);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        var found = DeploymentEntity.<DeploymentEntity>find(query.toString(),
                Sort.descending("requestedAt").and("id"), parameters);
        return new DeploymentPage(found.page(Page.of(page, size)).list().stream().map(this::toDomain).toList(), page,
                size, found.count());
    }

    /**
     * Log chunks after {@code after}, at most {@code limit} and about {@link #MAX_LOG_PAGE_CHARS} of text; of one
     * stream only when {@code stream} is not null.
     */
    public LogPage logs(Caller caller, String id, long after, int limit, String stream) {
        deployment(caller, id);
        List<LogPage.Chunk> chunks = new ArrayList<>();
        long chars = 0;
        for (LogChunkEntity c : stream == null ? LogChunkEntity.after(id, after, limit)
                : LogChunkEntity.after(id, after, limit, stream)) {
            String text = c.text();
            if (!chunks.isEmpty() && chars + text.length() > MAX_LOG_PAGE_CHARS) {
                break; // a page stays small whatever the build printed; "next" continues from here
            }
            chunks.add(new LogPage.Chunk(c.sequence, c.stage, c.stream, text));
            chars += text.length();
        }
        return new LogPage(id, chunks, chunks.isEmpty() ? after : chunks.get(chunks.size() - 1).sequence());
    }

    private static Deployment.Approval approval(DeploymentEntity d) {
        return d.approvalStatus == null ? null : new Deployment.Approval(d.approvalStatus, d.approvalExpiresAt,
                d.approvalDecidedBy, d.approvalDecidedAt, d.approvalComment);
    }

    /** Why a pending deployment does not run yet, in words. */
    private static String pendingReason(DeploymentEntity d) {
        if (DeploymentStatus.SCHEDULED.wire().equals(d.status)) {
            return "scheduled for " + d.scheduledAt;
        }
        if (!DeploymentStatus.PENDING.wire().equals(d.status)) {
            return null;
        }
        if ("waiting".equals(d.approvalStatus)) {
            return "waiting for the approval of a maintainer other than " + d.initiatedBy + " (POST"
                    + " /api/deployments/" + d.id + "/approve), until " + d.approvalExpiresAt;
        }
        if (d.queuePosition != null && d.queuePosition > 0) {
            return "queued: " + d.queuePosition + " deployment(s) of " + d.environment + " before it";
        }
        return "waiting for the pipeline to start it";
    }

    private Deployment toDomain(DeploymentEntity d) {
        return new Deployment(d.id, d.projectId, d.environment, d.status, d.version, d.gitUrl, d.gitCommit,
                d.gitBranch, d.artifactId, d.artifactUrl, d.deploymentUrl, d.environmentUrl,
                mapper.settings(d.configJson), d.requestedAt, d.queuedAt, d.startedAt, d.completedAt, d.initiatedBy,
                d.queuePosition, d.failureReason, approval(d), pendingReason(d), d.kind, d.restoreFrom,
                d.replacedDeploymentId, d.scheduledAt, shown(mapper.snapshot(d.snapshotJson)),
                DeploymentStageEntity.of(d.id).stream()
                        .map(s -> new Deployment.StageRun(s.stage.toLowerCase(Locale.ROOT), s.status, s.startedAt,
                                s.completedAt, s.message))
                        .toList());
    }

    private static dev.shiplog.deployment.domain.Snapshot shown(dev.shiplog.deployment.domain.Snapshot snapshot) {
        return snapshot == null ? null : snapshot.shown();
    }

    /** Whether the deployment's release is its environment's live one now (its application runs while it is). */
    public boolean isLive(Deployment deployment) {
        return ReleaseEntity.line(deployment.projectId(), deployment.environment()).isLive(deployment.id());
    }
}
