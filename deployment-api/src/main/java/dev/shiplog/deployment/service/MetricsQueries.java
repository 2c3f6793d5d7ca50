package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.metrics.DeliveryMetrics;
import dev.shiplog.deployment.domain.metrics.ProjectMetrics;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's success metrics and DORA keys from its finished deployments (the deployment history, itself from the
 * log: the same after a rebuild). The window is {@code [from, to)}: by default the 30 days before now, at most 366
 * days; failures up to 30 days before it still start a restore that ends in it.
 */
@ApplicationScoped
public class MetricsQueries {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    static final Duration MAX_WINDOW = Duration.ofDays(366);
    static final Duration LOOK_BACK = Duration.ofDays(30);

    private final AccessGuard access;

    public MetricsQueries(AccessGuard access) {
        this.access = access;
    }

    @Transactional
    public ProjectMetrics of(Caller caller, String projectId, String environment, String from, String to) {
        List<Violation> violations = new ArrayList<>();
        if (FieldRules.name(projectId) != null) {
            violations.add(new Violation("projectId", FieldRules.NAME_RULE));
        }
        if (environment != null && FieldRules.name(environment) != null) {
            violations.add(new Violation("environment", FieldRules.NAME_RULE));
        }
        Instant end = instant("to", to, violations);
        Instant start = instant("from", from, violations);
        if (violations.isEmpty()) {
            end = end == null ? Instant.now() : end;
            start = start == null ? end.minus(DEFAULT_WINDOW) : start;
            if (!start.isBefore(end)) {
                violations.add(new Violation("from", "must be before to"));
            } else if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
                violations.add(new Violation("from", "the window may be at most 366 days"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        access.requireToRead(caller, projectId);
        Parameters parameters = Parameters.with("project", projectId).and("since", start.minus(LOOK_BACK))
                .and("until", end);
        String query = "projectId = :project and completedAt is not null and completedAt >= :since"
                + " and completedAt < :until";
        if (environment != null) {
            query += " and environment = :environment";
            parameters.and("environment", environment);
        }
        List<DeliveryMetrics.Finished> finished = DeploymentEntity.<DeploymentEntity>list(query, parameters).stream()
                .filter(d -> d.requestedAt != null)
                .map(d -> new DeliveryMetrics.Finished(d.id, d.environment, d.kind, d.status, d.requestedAt,
                        d.completedAt))
                .toList();
        return new ProjectMetrics(projectId, environment, start, end, DeliveryMetrics.of(finished, start, end));
    }

    private static Instant instant(String field, String value, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "must be an instant such as 2026-12-01T00:00:00Z"));
            return null;
        }
    }
}
