package dev.shiplog.environment.rest;

import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.service.EnvironmentCommands;
import dev.shiplog.environment.service.EnvironmentQueries;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
    private final EnvironmentMapper mapper;

    public EnvironmentResource(EnvironmentCommands commands, EnvironmentQueries queries, EnvironmentMapper mapper) {
        this.commands = commands;
        this.queries = queries;
        this.mapper = mapper;
    }

    /** Accepts a configuration: 202 once EnvironmentConfigured is on the log; the projection follows. */
    @PUT
    @Path("/{environment}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or reconfigure an environment (URL, settings, protection)")
    public Response configure(@PathParam("projectId") String projectId, @PathParam("environment") String environment,
            EnvironmentRequest request, @HeaderParam("X-Shiplog-User") String user) {
        EnvironmentConfiguration accepted = commands.configure(projectId, environment, request,
                user == null || user.isBlank() ? "anonymous" : user);
        String location = "/api/projects/" + projectId + "/environments/" + environment;
        return Response.accepted(accepted).location(URI.create(location)).build();
    }

    @GET
    @Operation(summary = "The environments of a project, by name")
    public List<EnvironmentView> list(@PathParam("projectId") String projectId) {
        return queries.ofProject(projectId).stream().map(mapper::toView).toList();
    }

    @GET
    @Path("/{environment}")
    @Operation(summary = "One environment: configuration, health and live deployment")
    public EnvironmentView get(@PathParam("projectId") String projectId, @PathParam("environment") String environment) {
        return mapper.toView(queries.one(projectId, environment));
    }
}
