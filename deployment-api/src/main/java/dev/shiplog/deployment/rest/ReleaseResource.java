package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.domain.ReleasePage;
import dev.shiplog.deployment.domain.RetentionPolicy;
import dev.shiplog.deployment.service.ReleaseCommands;
import dev.shiplog.deployment.service.ReleaseQueries;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Releases: an environment's history and pin, a project's artifact retention. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ReleaseResource {

    private final ReleaseCommands commands;
    private final ReleaseQueries queries;
    private final AccessGuard access;

    public ReleaseResource(ReleaseCommands commands, ReleaseQueries queries, AccessGuard access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    @GET
    @Path("/projects/{projectId}/environments/{environment}/releases")
    @Operation(operationId = "listReleases", summary = "Every release that was live in the environment, newest first,"
            + " and whether it can still be restored; the environment's pin", description = "Pages through the"
            + " environment's release history (any role in the project): 200; 400 for a bad page or size, 404 for an"
            + " unknown environment.")
    public ReleasePage releases(@PathParam("projectId") String projectId,
            @PathParam("environment") String environment, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return queries.releases(access.caller(), projectId, environment,
                QueryParams.integer("page", page, 0, 0, ProjectResource.MAX_PAGE),
                QueryParams.integer("size", size, 20, 1, 200));
    }

    @POST
    @Path("/projects/{projectId}/environments/{environment}/unpin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "unpinEnvironment", summary = "Unpin the environment after a rollback, with a reason:"
            + " deployments are taken again (202)", description = "Lifts the pin a rollback left on the environment"
            + " (deployer; maintainer in a protected environment): 202; 404 for an unknown environment, 409 if it is"
            + " not pinned.")
    public Response unpin(@PathParam("projectId") String projectId, @PathParam("environment") String environment,
            UnpinRequest request) {
        Caller caller = access.caller();
        commands.unpin(projectId, environment, request == null ? null : request.reason(), caller);
        return Response.accepted().build();
    }

    @GET
    @Path("/projects/{projectId}/retention")
    @Operation(operationId = "getRetentionPolicy", summary = "The project's artifact retention policy (the platform's"
            + " default if it set none)", description = "How many and how old artifacts the project keeps (any role in"
            + " the project): 200.")
    public RetentionPolicy retention(@PathParam("projectId") String projectId) {
        return queries.retention(access.caller(), projectId);
    }

    @PUT
    @Path("/projects/{projectId}/retention")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setRetentionPolicy", summary = "Set the project's artifact retention policy"
            + " (maintainers): 202", description = "Sets how many artifacts (keepLast) and for how many days (keepDays)"
            + " the project keeps them (maintainer): 202 with the new policy; 400 for bad values.")
    public Response setRetention(@PathParam("projectId") String projectId, RetentionRequest request) {
        Caller caller = access.caller();
        if (request == null) {
            throw new InvalidInputException("body", "is required ({\"keepLast\": 10, \"keepDays\": 30})");
        }
        commands.retention(projectId, request.keepLast(), request.keepDays(), caller);
        return Response.accepted(queries.retention(caller, projectId)).build();
    }

    @POST
    @Path("/projects/{projectId}/artifacts/cleanup")
    @Operation(operationId = "cleanUpArtifacts", summary = "Apply the project's retention policy now (maintainers):"
            + " 202; ArtifactDeleted events follow", description = "Asks the pipeline-worker to delete now the"
            + " artifacts the retention policy no longer keeps (maintainer): 202; 404 for an unknown project.")
    public Response cleanup(@PathParam("projectId") String projectId) {
        commands.cleanup(projectId, access.caller());
        return Response.accepted().build();
    }
}
