package dev.shiplog.environment.rest;

import dev.shiplog.environment.domain.Environment;
import dev.shiplog.environment.domain.EnvironmentConfiguration;
import dev.shiplog.environment.service.EnvironmentCommands;
import dev.shiplog.environment.service.EnvironmentQueries;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.rest.InvalidInputException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Environments of a project: configure one, list them, read one. */
@Path("/api/projects/{projectId}/environments")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentResource {

    private final EnvironmentCommands commands;
    private final EnvironmentQueries queries;
    private final AccessGuard access;

    public EnvironmentResource(EnvironmentCommands commands, EnvironmentQueries queries, AccessGuard access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** Accepts a configuration: 202 once EnvironmentConfigured is on the log; the projection follows. */
    @PUT
    @Path("/{environment}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or reconfigure an environment (URL, settings, protection, approvals; maintainers)")
    public Response configure(@PathParam("projectId") String projectId, @PathParam("environment") String environment,
            EnvironmentRequest request) {
        Caller caller = access.caller();
        if (request == null) {
            throw new InvalidInputException("body", "is required (an empty object {} configures an environment with"
                    + " defaults)");
        }
        EnvironmentConfiguration accepted = commands.configure(projectId, environment,
                request.toCommand(environment), caller);
        String location = "/api/projects/" + projectId + "/environments/" + environment;
        return Response.accepted(accepted).location(URI.create(location)).build();
    }

    @GET
    @Operation(summary = "The environments of a project, by name")
    public List<Environment> list(@PathParam("projectId") String projectId) {
        return queries.ofProject(access.caller(), projectId);
    }

    @GET
    @Path("/{environment}")
    @Operation(summary = "One environment: configuration, health and live deployment")
    public Environment get(@PathParam("projectId") String projectId, @PathParam("environment") String environment) {
        return queries.one(access.caller(), projectId, environment);
    }
}
