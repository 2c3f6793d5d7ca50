package dev.shiplog.environment.rest;

import dev.shiplog.environment.domain.Comparison;
import dev.shiplog.environment.service.EnvironmentCommands;
import dev.shiplog.environment.service.EnvironmentComparison;
import dev.shiplog.environment.service.EnvironmentQueries;
import dev.shiplog.environment.service.VariableCommands;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.rest.InvalidInputException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Environments of a project: configure one, list them, read one (now or {@code asOf} an instant), its variables,
 * two of them compared. A write answers once this service's view shows it, with its log position
 * ({@value LogPosition#HEADER}).
 */
@Path("/api/projects/{projectId}/environments")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentResource {

    private final EnvironmentCommands commands;
    private final VariableCommands variables;
    private final EnvironmentQueries queries;
    private final EnvironmentComparison comparison;
    private final AccessGuard access;

    public EnvironmentResource(EnvironmentCommands commands, VariableCommands variables, EnvironmentQueries queries,
            EnvironmentComparison comparison, AccessGuard access) {
        this.commands = commands;
        this.variables = variables;
        this.queries = queries;
        this.comparison = comparison;
        this.access = access;
    }

    /** Accepts a configuration: 202 once EnvironmentConfigured is on the log and in this service's view. */
    @PUT
    @Path("/{environment}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "configureEnvironment", summary = "Create or reconfigure an environment (URL, typed"
            + " settings, protection, approvals, bake period; maintainers)", description = "Creates or replaces the"
            + " environment's configuration (maintainer): 202 with it once this service's view shows it; 400 naming"
            + " each bad field.")
    public Response configure(@PathParam("projectId") String projectId, @PathParam("environment") String environment,
            EnvironmentRequest request) {
        Caller caller = access.caller();
        if (request == null) {
            throw new InvalidInputException("body", "is required (an empty object {} configures an environment with"
                    + " defaults)");
        }
        EnvironmentCommands.Accepted accepted = commands.configure(projectId, environment,
                request.toCommand(environment), caller);
        String location = "/api/projects/" + projectId + "/environments/" + environment;
        return written(Response.accepted(EnvironmentConfiguration.of(accepted.environment(),
                accepted.configuration())).location(URI.create(location)), accepted.position());
    }

    @GET
    @Operation(operationId = "listEnvironments", summary = "The environments of a project, by name (asOf: as they"
            + " were at that instant)", description = "Every environment of the project, now or at asOf (any role in"
            + " the project): 200; 400 for a bad asOf, 403 without a role.")
    public List<Environment> list(@PathParam("projectId") String projectId, @QueryParam("asOf") String asOf) {
        return queries.ofProject(access.caller(), projectId, asOf).stream().map(Environment::of).toList();
    }

    @GET
    @Path("/{environment}")
    @Operation(operationId = "getEnvironment", summary = "One environment: configuration, variables (secrets never"
            + " shown), health, live deployment, pin (asOf: as it was at that instant)", description = "One"
            + " environment, now or at asOf (any role in the project): 200; 404 for an unknown environment.")
    public Environment get(@PathParam("projectId") String projectId, @PathParam("environment") String environment,
            @QueryParam("asOf") String asOf) {
        return Environment.of(queries.one(access.caller(), projectId, environment, asOf));
    }

    @GET
    @Path("/compare")
    @Operation(operationId = "compareEnvironments", summary = "Two environments compared: settings and variables that"
            + " differ (secrets without their values), what is live on each, the commits between them",
            description = "Compares environment from with environment to (any role in the project): 200; 400 without"
                    + " both, 404 for an unknown environment.")
    public Comparison compare(@PathParam("projectId") String projectId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return comparison.compare(access.caller(), projectId, from, to);
    }

    @PUT
    @Path("/{environment}/variables/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setVariable", summary = "Set a variable, or a secret (sealed before it is written; never"
            + " shown again; maintainers): 202", description = "Sets the environment variable, or secret, of that"
            + " name (maintainer): 202 once this service's view shows it; 400 for a bad name or value.")
    public Response setVariable(@PathParam("projectId") String projectId,
            @PathParam("environment") String environment, @PathParam("name") String name, VariableRequest request) {
        Caller caller = access.caller();
        if (request == null) {
            throw new InvalidInputException("body", "is required ({\"value\": \"...\", \"secret\": false})");
        }
        LogPosition at = variables.set(projectId, environment, name, request.value(),
                Boolean.TRUE.equals(request.secret()), caller);
        return written(Response.accepted(), at);
    }

    @DELETE
    @Path("/{environment}/variables/{name}")
    @Operation(operationId = "removeVariable", summary = "Remove a variable (maintainers): 202", description = "Removes"
            + " the environment's variable or secret of that name (maintainer): 202 once this service's view shows it.")
    public Response removeVariable(@PathParam("projectId") String projectId,
            @PathParam("environment") String environment, @PathParam("name") String name) {
        return written(Response.accepted(), variables.remove(projectId, environment, name, access.caller()));
    }

    static Response written(Response.ResponseBuilder response, LogPosition position) {
        return (position == null ? response : response.header(LogPosition.HEADER, position.toString())).build();
    }
}
