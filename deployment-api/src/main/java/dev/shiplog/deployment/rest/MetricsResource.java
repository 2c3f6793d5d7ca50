package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.domain.metrics.ProjectMetrics;
import dev.shiplog.deployment.service.MetricsQueries;
import dev.shiplog.kit.access.AccessGuard;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A project's delivery figures (a viewer of the project): deployment success rate, deployment and rollback times,
 * deployment frequency, change failure rate and time to restore, each with its definition, over {@code [from, to)}
 * (ISO-8601 instants; the last 30 days by default), of one {@code environment} or all.
 */
@Path("/api/projects/{projectId}/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class MetricsResource {

    private final MetricsQueries metrics;
    private final AccessGuard access;

    public MetricsResource(MetricsQueries metrics, AccessGuard access) {
        this.metrics = metrics;
        this.access = access;
    }

    @GET
    @Operation(operationId = "getProjectMetrics", description = "The project's delivery figures over [from, to), by"
            + " default the last 30 days, of one environment or all (any role in the project): 200; 400 if malformed.")
    public ProjectMetrics metrics(@PathParam("projectId") String projectId,
            @QueryParam("environment") String environment, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return metrics.of(access.caller(), projectId, environment, from, to);
    }
}
