package dev.shiplog.environment.rest;

import dev.shiplog.environment.domain.Project;
import dev.shiplog.environment.service.ProjectCommands;
import dev.shiplog.environment.service.ProjectQueries;
import dev.shiplog.environment.service.SecretReseal;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.rest.InvalidInputException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Projects: create or change one (it gets staging and production), the ops overview of all, delete one. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectCommands commands;
    private final ProjectQueries queries;
    private final SecretReseal secrets;
    private final AccessGuard access;

    public ProjectResource(ProjectCommands commands, ProjectQueries queries, SecretReseal secrets,
            AccessGuard access) {
        this.commands = commands;
        this.queries = queries;
        this.secrets = secrets;
        this.access = access;
    }

    @PUT
    @Path("/projects/{projectId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "configureProject", summary = "Create a project (instance administrators; it gets staging"
            + " and production with the PRD's defaults) or change it (maintainers): 202", description = "Creates the"
            + " project (instance administrators) or changes it (maintainer): 202 once it is on the log, with its log"
            + " position; 400 for bad input.")
    public Response configure(@PathParam("projectId") String projectId, ProjectRequest request) {
        Caller caller = access.caller();
        if (request == null) {
            throw new InvalidInputException("body", "is required ({\"name\": \"Shop\"})");
        }
        return Response.accepted().header(LogPosition.HEADER,
                LogPosition.join(commands.configure(projectId, request.toCommand(), caller))).build();
    }

    @GET
    @Path("/projects")
    @Operation(operationId = "listProjects", summary = "The projects the caller may see, with each environment's live"
            + " version and status (asOf: as they were at that instant)", description = "The operations overview: every"
            + " project the caller has a role in, all of them for instance administrators: 200; 400 for a bad asOf.")
    public List<Project> list(@QueryParam("asOf") String asOf) {
        return queries.list(access.caller(), asOf);
    }

    @GET
    @Path("/projects/{projectId}")
    @Operation(operationId = "getProject", summary = "One project and its environments (asOf: as it was at that"
            + " instant)", description = "One project, now or as it was at asOf (any role in the project): 200; 404"
            + " for an unknown project or one unknown at asOf.")
    public Project get(@PathParam("projectId") String projectId, @QueryParam("asOf") String asOf) {
        return queries.one(access.caller(), projectId, asOf);
    }

    @DELETE
    @Path("/projects/{projectId}")
    @Operation(operationId = "deleteProject", summary = "Delete a project and its environments (its admins): 409 while"
            + " something is live in it, unless force=true", description = "Deletes the project with its"
            + " environments, with an optional reason (project admin): 202; 400 for a bad force, 409 while something"
            + " is live in it, unless force=true.")
    public Response delete(@PathParam("projectId") String projectId, @QueryParam("force") String force,
            @QueryParam("reason") String reason) {
        if (force != null && !force.equals("true") && !force.equals("false")) {
            throw new InvalidInputException("force", "must be true or false");
        }
        return Response.accepted().header(LogPosition.HEADER,
                LogPosition.join(commands.delete(projectId, "true".equals(force), reason, access.caller()))).build();
    }

    @POST
    @Path("/admin/secrets/reseal")
    @Operation(operationId = "resealSecrets", summary = "Seal every secret again with the current key (instance"
            + " administrators, after a key rotation); lists those whose key is gone", description = "Re-encrypts"
            + " every stored secret with the current key (instance administrators only): 200 with what was resealed"
            + " and what could not be; 403 for anyone else.")
    public SecretReseal.Resealed reseal() {
        return secrets.reseal(access.caller());
    }
}
