package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.domain.DeploymentPage;
import dev.shiplog.deployment.service.DeploymentQueries;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.rest.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A project's deployments, newest first, paged, filtered by environment and status. */
@Path("/api/projects/{projectId}/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ProjectResource {

    /** The deepest page: past it, narrow the list with the filters. */
    static final int MAX_PAGE = 100_000;

    private final DeploymentQueries queries;
    private final AccessGuard access;

    public ProjectResource(DeploymentQueries queries, AccessGuard access) {
        this.queries = queries;
        this.access = access;
    }

    @GET
    @Operation(operationId = "listDeployments", description = "The project's deployments, newest first, paged, by"
            + " environment and status if asked (any role in the project): 200; 400 for a bad filter, page or size.")
    public DeploymentPage list(@PathParam("projectId") String projectId, @QueryParam("environment") String environment,
            @QueryParam("status") String status, @QueryParam("page") String page, @QueryParam("size") String size) {
        return queries.list(access.caller(), projectId, environment, status, QueryParams.integer("page", page, 0, 0, MAX_PAGE),
                QueryParams.integer("size", size, 20, 1, 200));
    }
}
