package dev.shiplog.environment.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shiplog.environment.domain.Pin;
import dev.shiplog.environment.domain.Settings;
import dev.shiplog.environment.domain.Variable;
import dev.shiplog.environment.domain.state.Application;
import dev.shiplog.environment.domain.state.EnvironmentState;
import dev.shiplog.schema.EnvironmentRef;
import java.time.Instant;
import java.util.List;

/**
 * An environment as the API shows it: its configuration (settings typed), its variables (secrets never in clear),
 * its health ({@code healthy}, {@code degraded}, {@code down}, or null until a health check has reported), the
 * deployment live in it, its pin (after a rollback: new deployments are refused until someone unpins it; null
 * when not pinned), and its server application as the runtime last reported it ({@code deploymentId},
 * {@code instances}, {@code lastScaled}, {@code lastCrash}; null until an ApplicationScaled or ApplicationCrashed
 * arrived, and again once another release went live); {@code id} is {@code projectId/name}.
 */
public record Environment(
        String id,
        String projectId,
        String name,
        String url,
        Settings settings,
        @JsonProperty("protected") boolean isProtected,
        boolean approvalRequired,
        Integer bakeSeconds,
        List<Variable> variables,
        String status,
        String currentDeployment,
        String currentVersion,
        String currentArtifact,
        Pin pin,
        Application application,
        Instant createdAt,
        Instant updatedAt) {

    static Environment of(EnvironmentState s) {
        return new Environment(EnvironmentRef.of(s.projectId(), s.name()).key(), s.projectId(), s.name(), s.url(),
                Settings.typed(s.settings()), s.isProtected(), s.approvalRequired(), s.bakeSeconds(),
                s.variableList(), s.status(), s.live() == null ? null : s.live().deploymentId(),
                s.live() == null ? null : s.live().version(), s.live() == null ? null : s.live().artifactId(),
                s.pin(), s.liveApplication(), s.createdAt(), s.updatedAt());
    }
}
