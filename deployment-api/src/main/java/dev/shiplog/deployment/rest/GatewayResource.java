package dev.shiplog.deployment.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.gateway.Upstream.Service;
import dev.shiplog.deployment.gateway.Upstream;
import dev.shiplog.deployment.service.EnvironmentCatalog;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.schema.Topics;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The gateway's share of the other services' APIs, on the same paths: projects, environments and their variables and
 * comparison (environment-service), the notification feed and subscriptions (notification-service), the lanes
 * (pipeline-worker).
 * Requests pass through as they are; so do the answers and their errors. A write to projects or environments is
 * answered once the gateway's own view of environments has applied it as well, so a deployment sent right after it
 * finds the environment (read your writes, over the log).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class GatewayResource {

    /** The gateway's own view of environments. */
    static final String CATALOG = EnvironmentCatalog.CONSUMER;

    private final Upstream upstream;
    private final ProjectionPositions positions;
    private final DeploymentApiConfig config;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    public GatewayResource(Upstream upstream, ProjectionPositions positions, DeploymentApiConfig config) {
        this.upstream = upstream;
        this.positions = positions;
        this.config = config;
    }

    @GET
    @Path("/projects")
    @Operation(summary = "The projects the caller may see, with each environment's live version and status (asOf)")
    public Response projects(@QueryParam("asOf") String asOf) {
        return read(Service.ENVIRONMENTS);
    }

    @PUT
    @Path("/projects/{projectId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a project (it gets staging and production) or change it: 202")
    public Response configureProject(@PathParam("projectId") String projectId, JsonNode body) {
        return write(Service.ENVIRONMENTS, "PUT", body);
    }

    @GET
    @Path("/projects/{projectId}")
    @Operation(summary = "One project and its environments (asOf)")
    public Response project(@PathParam("projectId") String projectId, @QueryParam("asOf") String asOf) {
        return read(Service.ENVIRONMENTS);
    }

    @DELETE
    @Path("/projects/{projectId}")
    @Operation(summary = "Delete a project and its environments: 409 while something is live, unless force=true")
    public Response deleteProject(@PathParam("projectId") String projectId, @QueryParam("force") String force,
            @QueryParam("reason") String reason) {
        return write(Service.ENVIRONMENTS, "DELETE", null);
    }

    @GET
    @Path("/projects/{projectId}/environments")
    @Operation(summary = "The environments of a project, by name (asOf)")
    public Response environments(@PathParam("projectId") String projectId, @QueryParam("asOf") String asOf) {
        return read(Service.ENVIRONMENTS);
    }

    @GET
    @Path("/projects/{projectId}/environments/compare")
    @Operation(summary = "Two environments compared: settings and variables that differ, what is live on each, the"
            + " commits between them")
    public Response compare(@PathParam("projectId") String projectId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return read(Service.ENVIRONMENTS);
    }

    @GET
    @Path("/projects/{projectId}/environments/{environment}")
    @Operation(summary = "One environment: configuration, variables, health, live deployment, pin (asOf)")
    public Response environment(@PathParam("projectId") String projectId,
            @PathParam("environment") String environment, @QueryParam("asOf") String asOf) {
        return read(Service.ENVIRONMENTS);
    }

    @PUT
    @Path("/projects/{projectId}/environments/{environment}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or reconfigure an environment (typed settings; maintainers): 202")
    public Response configureEnvironment(@PathParam("projectId") String projectId,
            @PathParam("environment") String environment, JsonNode body) {
        return write(Service.ENVIRONMENTS, "PUT", body);
    }

    @PUT
    @Path("/projects/{projectId}/environments/{environment}/variables/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a variable or a secret (sealed; never shown again): 202")
    public Response setVariable(@PathParam("projectId") String projectId,
            @PathParam("environment") String environment, @PathParam("name") String name, JsonNode body) {
        return write(Service.ENVIRONMENTS, "PUT", body);
    }

    @DELETE
    @Path("/projects/{projectId}/environments/{environment}/variables/{name}")
    @Operation(summary = "Remove a variable: 202")
    public Response removeVariable(@PathParam("projectId") String projectId,
            @PathParam("environment") String environment, @PathParam("name") String name) {
        return write(Service.ENVIRONMENTS, "DELETE", null);
    }

    @POST
    @Path("/admin/secrets/reseal")
    @Operation(summary = "Seal every secret again with the current key (instance administrators)")
    public Response reseal() {
        return write(Service.ENVIRONMENTS, "POST", null);
    }

    @GET
    @Path("/notifications")
    @Operation(summary = "A project's notifications, newest first")
    public Response notifications(@QueryParam("projectId") String projectId, @QueryParam("limit") String limit) {
        return read(Service.NOTIFICATIONS);
    }

    @GET
    @Path("/projects/{projectId}/notifications")
    @Operation(summary = "A project's notifications, newest first, read or not for the caller, and how many are unread")
    public Response feed(@PathParam("projectId") String projectId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return read(Service.NOTIFICATIONS);
    }

    @POST
    @Path("/projects/{projectId}/notifications/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark read, for the caller, the project's notifications up to one (upTo), or all: 204")
    public Response markRead(@PathParam("projectId") String projectId, JsonNode body) {
        return forward(Service.NOTIFICATIONS, "POST", body);
    }

    /**
     * Documents the stream on the gateway: {@link dev.shiplog.deployment.gateway.StreamProxy} serves it, passing the
     * events on as they come (a JAX-RS answer would wait for the end).
     */
    @GET
    @Path("/projects/{projectId}/notifications/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The project's notifications as they come (Server-Sent Events), for up to seconds")
    public Response feedStream(@PathParam("projectId") String projectId, @QueryParam("seconds") String seconds) {
        return read(Service.NOTIFICATIONS);
    }

    @POST
    @Path("/projects/{projectId}/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to the project's notifications (a webhook, a chat webhook or email): 201")
    public Response subscribe(@PathParam("projectId") String projectId, JsonNode body) {
        return forward(Service.NOTIFICATIONS, "POST", body);
    }

    @GET
    @Path("/projects/{projectId}/subscriptions")
    @Operation(summary = "The project's subscriptions (never their secrets)")
    public Response subscriptions(@PathParam("projectId") String projectId) {
        return read(Service.NOTIFICATIONS);
    }

    @GET
    @Path("/projects/{projectId}/subscriptions/{subscriptionId}")
    @Operation(summary = "One subscription")
    public Response subscription(@PathParam("projectId") String projectId,
            @PathParam("subscriptionId") String subscriptionId) {
        return read(Service.NOTIFICATIONS);
    }

    @PUT
    @Path("/projects/{projectId}/subscriptions/{subscriptionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a subscription; a new secret rotates it (the old one signs too for a grace period)")
    public Response changeSubscription(@PathParam("projectId") String projectId,
            @PathParam("subscriptionId") String subscriptionId, JsonNode body) {
        return forward(Service.NOTIFICATIONS, "PUT", body);
    }

    @POST
    @Path("/projects/{projectId}/subscriptions/{subscriptionId}/pause")
    @Operation(summary = "Pause a subscription: nothing is queued for it or sent to it until it is resumed")
    public Response pauseSubscription(@PathParam("projectId") String projectId,
            @PathParam("subscriptionId") String subscriptionId) {
        return forward(Service.NOTIFICATIONS, "POST", null);
    }

    @POST
    @Path("/projects/{projectId}/subscriptions/{subscriptionId}/resume")
    @Operation(summary = "Resume a paused subscription")
    public Response resumeSubscription(@PathParam("projectId") String projectId,
            @PathParam("subscriptionId") String subscriptionId) {
        return forward(Service.NOTIFICATIONS, "POST", null);
    }

    @DELETE
    @Path("/projects/{projectId}/subscriptions/{subscriptionId}")
    @Operation(summary = "Delete a subscription: what it has not received is dropped")
    public Response deleteSubscription(@PathParam("projectId") String projectId,
            @PathParam("subscriptionId") String subscriptionId) {
        return forward(Service.NOTIFICATIONS, "DELETE", null);
    }

    @GET
    @Path("/projects/{projectId}/subscriptions/{subscriptionId}/deliveries")
    @Operation(summary = "A subscription's deliveries, newest first, each with every attempt (state: pending,"
            + " sending, delivered, dead)")
    public Response deliveries(@PathParam("projectId") String projectId,
            @PathParam("subscriptionId") String subscriptionId, @QueryParam("state") String state,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return read(Service.NOTIFICATIONS);
    }

    @POST
    @Path("/projects/{projectId}/subscriptions/{subscriptionId}/deliveries/{deliveryId}/resend")
    @Operation(summary = "Send a dead-lettered delivery again (with a fresh budget of attempts): 202")
    public Response resend(@PathParam("projectId") String projectId,
            @PathParam("subscriptionId") String subscriptionId, @PathParam("deliveryId") String deliveryId) {
        return forward(Service.NOTIFICATIONS, "POST", null);
    }

    @GET
    @Path("/queues/{projectId}/{environment}")
    @Operation(summary = "An environment's unfinished deployments in line order")
    public Response queue(@PathParam("projectId") String projectId, @PathParam("environment") String environment) {
        return read(Service.PIPELINE);
    }

    /** Passes a write on to a service that answers once its own view shows it (nothing of the gateway's changes). */
    private Response forward(Service service, String method, JsonNode body) {
        return upstream.forward(service, method, uri, headers, body == null ? null : body.toString());
    }

    private Response read(Service service) {
        return upstream.forward(service, "GET", uri, headers, null);
    }

    /** Passes the write on; once it is accepted, waits (bounded) for the gateway's view of environments to show it. */
    private Response write(Service service, String method, JsonNode body) {
        Response answer = upstream.forward(service, method, uri, headers, body == null ? null : body.toString());
        if (answer.getStatus() < 300) {
            Upstream.positions(answer).stream().filter(at -> at.topic().equals(Topics.ENVIRONMENT_EVENTS.name()))
                    .forEach(at -> positions.await(CATALOG, at, config.gateway().visibleWithin()));
        }
        return answer;
    }
}
