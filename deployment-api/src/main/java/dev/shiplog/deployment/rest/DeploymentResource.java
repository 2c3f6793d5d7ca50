package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.DeploymentStageEntity;
import dev.shiplog.deployment.service.DeploymentCommands;
import dev.shiplog.kit.rest.NotFoundException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Deployments: start one, read one. */
@Path("/api/deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {

    private final DeploymentCommands commands;
    private final DeploymentMapper mapper;

    public DeploymentResource(DeploymentCommands commands, DeploymentMapper mapper) {
        this.commands = commands;
        this.mapper = mapper;
    }

    /** Accepts a deployment: 202 once DeploymentRequested is on the log; the pipeline does the rest. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(DeploymentRequest request, @HeaderParam("X-Shiplog-User") String user) {
        String id = commands.requestDeployment(request, user == null || user.isBlank() ? "anonymous" : user);
        String statusUrl = "/api/deployments/" + id;
        return Response.accepted(new Accepted(id, "pending", statusUrl)).location(URI.create(statusUrl)).build();
    }

    @GET
    @Path("/{id}")
    public DeploymentView get(@PathParam("id") String id) {
        DeploymentEntity deployment = DeploymentEntity.findById(id);
        if (deployment == null) {
            throw new NotFoundException("No deployment " + id);
        }
        return mapper.toView(deployment, DeploymentStageEntity.of(id));
    }
}
