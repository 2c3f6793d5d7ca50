package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.DeploymentStageEntity;
import dev.shiplog.deployment.service.DeploymentStatus;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A project's deployments, newest first, paged, filtered by environment and status. */
@Path("/api/projects/{projectId}/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ProjectResource {

    private final DeploymentMapper mapper;

    public ProjectResource(DeploymentMapper mapper) {
        this.mapper = mapper;
    }

    /** One page of deployments and the total that match. */
    public record DeploymentPage(List<DeploymentView> items, int page, int size, long total) {
    }

    @GET
    public DeploymentPage list(@PathParam("projectId") String projectId, @QueryParam("environment") String environment,
            @QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        List<Violation> violations = new ArrayList<>();
        if (status != null && DeploymentStatus.fromWire(status).isEmpty()) {
            violations.add(new Violation("status", "must be one of " + Arrays.stream(DeploymentStatus.values())
                    .map(DeploymentStatus::wire).toList()));
        }
        if (page < 0) {
            violations.add(new Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > 200) {
            violations.add(new Violation("size", "must be between 1 and 200"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
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
        var found = DeploymentEntity.<DeploymentEntity>find(query.toString(), Sort.descending("requestedAt"), parameters);
        List<DeploymentView> items = found.page(Page.of(page, size)).list().stream()
                .map(d -> mapper.toView(d, DeploymentStageEntity.of(d.id))).toList();
        return new DeploymentPage(items, page, size, found.count());
    }
}
