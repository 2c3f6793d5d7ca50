package dev.shiplog.notification.rest;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.QueryParams;
import dev.shiplog.notification.domain.DeliveryView;
import dev.shiplog.notification.domain.Subscription;
import dev.shiplog.notification.service.DeliveryCommands;
import dev.shiplog.notification.service.SubscriptionCommands;
import dev.shiplog.notification.service.SubscriptionQueries;
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
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A project's subscriptions to its notifications (maintainers): webhooks, chat, email, narrowed to environments and
 * kinds; their deliveries with every attempt; a dead-lettered delivery sent again by hand. A write answers once this
 * service's view shows it, with its log position ({@value LogPosition#HEADER}).
 */
@Path("/api/projects/{projectId}/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final SubscriptionCommands commands;
    private final DeliveryCommands deliveries;
    private final SubscriptionQueries queries;
    private final AccessGuard access;

    public SubscriptionResource(SubscriptionCommands commands, DeliveryCommands deliveries,
            SubscriptionQueries queries, AccessGuard access) {
        this.commands = commands;
        this.deliveries = deliveries;
        this.queries = queries;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSubscription", summary = "Subscribe to the project's notifications (a webhook, a"
            + " chat webhook or email): 201", description = "Creates a subscription, narrowed to environments and kinds"
            + " if asked (maintainer): 201 with it and its Location; 400 naming each bad field, 409 over the limit.")
    public Response create(@PathParam("projectId") String projectId, SubscriptionRequest request) {
        SubscriptionCommands.Accepted accepted = commands.create(projectId, body(request).toChange(),
                access.caller());
        return answer(Response.created(URI.create("/api/projects/" + projectId + "/subscriptions/"
                + accepted.subscription().id())).entity(accepted.subscription()), accepted.position());
    }

    @GET
    @Operation(operationId = "listSubscriptions", summary = "The project's subscriptions (never their secrets)",
            description = "Every subscription of the project, without secrets (maintainer): 200; 403 for other roles.")
    public List<Subscription> list(@PathParam("projectId") String projectId) {
        return queries.list(access.caller(), projectId);
    }

    @GET
    @Path("/{subscriptionId}")
    @Operation(operationId = "getSubscription", summary = "One subscription", description = "One subscription of the"
            + " project, without its secret (maintainer): 200; 404 for an unknown subscription.")
    public Subscription get(@PathParam("projectId") String projectId, @PathParam("subscriptionId") String id) {
        return queries.get(access.caller(), projectId, id);
    }

    @PUT
    @Path("/{subscriptionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateSubscription", summary = "Replace a subscription; a new secret rotates it (the old"
            + " one signs too for a grace period)", description = "Replaces the subscription whole (maintainer): 200"
            + " with it once this service's view shows it; 400 naming each bad field, 404 for an unknown one.")
    public Response update(@PathParam("projectId") String projectId, @PathParam("subscriptionId") String id,
            SubscriptionRequest request) {
        SubscriptionCommands.Accepted accepted = commands.update(projectId, id, body(request).toChange(),
                access.caller());
        return answer(Response.ok(accepted.subscription()), accepted.position());
    }

    @POST
    @Path("/{subscriptionId}/pause")
    @Operation(operationId = "pauseSubscription", summary = "Pause a subscription: nothing is queued for it or sent to"
            + " it until it is resumed", description = "Pauses the subscription (maintainer): 200 with it; 404 for an"
            + " unknown subscription.")
    public Response pause(@PathParam("projectId") String projectId, @PathParam("subscriptionId") String id) {
        SubscriptionCommands.Accepted accepted = commands.pause(projectId, id, true, access.caller());
        return answer(Response.ok(accepted.subscription()), accepted.position());
    }

    @POST
    @Path("/{subscriptionId}/resume")
    @Operation(operationId = "resumeSubscription", summary = "Resume a paused subscription", description = "Resumes"
            + " the subscription: what happens from now on is sent to it again (maintainer): 200 with it; 404 for an"
            + " unknown subscription.")
    public Response resume(@PathParam("projectId") String projectId, @PathParam("subscriptionId") String id) {
        SubscriptionCommands.Accepted accepted = commands.pause(projectId, id, false, access.caller());
        return answer(Response.ok(accepted.subscription()), accepted.position());
    }

    @DELETE
    @Path("/{subscriptionId}")
    @Operation(operationId = "deleteSubscription", summary = "Delete a subscription: what it has not received is"
            + " dropped", description = "Deletes the subscription and drops its pending deliveries (maintainer): 204;"
            + " 404 for an unknown subscription.")
    public Response delete(@PathParam("projectId") String projectId, @PathParam("subscriptionId") String id) {
        return answer(Response.noContent(), commands.delete(projectId, id, access.caller()));
    }

    @GET
    @Path("/{subscriptionId}/deliveries")
    @Operation(operationId = "listDeliveries", summary = "A subscription's deliveries, newest first, each with every"
            + " attempt (state: pending, sending, delivered, dead)", description = "A page of the subscription's"
            + " deliveries, of one state if asked (maintainer): 200; 400 for a bad state, page or size, 404.")
    public List<DeliveryView> deliveries(@PathParam("projectId") String projectId,
            @PathParam("subscriptionId") String id, @QueryParam("state") String state,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return queries.deliveries(access.caller(), projectId, id, state, QueryParams.integer("page", page, 0, 0,
                100_000), QueryParams.integer("size", size, 50, 1, 500));
    }

    @POST
    @Path("/{subscriptionId}/deliveries/{deliveryId}/resend")
    @Operation(operationId = "resendDelivery", summary = "Send a dead-lettered delivery again (with a fresh budget of"
            + " attempts): 202", description = "Queues a dead-lettered delivery again, with a fresh budget of attempts"
            + " (maintainer): 202; 404 for an unknown delivery, 409 if it is not dead-lettered.")
    public Response resend(@PathParam("projectId") String projectId, @PathParam("subscriptionId") String id,
            @PathParam("deliveryId") String deliveryId) {
        deliveries.resend(projectId, id, deliveryId, access.caller());
        return Response.accepted().build();
    }

    private static SubscriptionRequest body(SubscriptionRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required ({\"name\", \"channel\", \"url\" or \"emails\", ...})");
        }
        return request;
    }

    private static Response answer(Response.ResponseBuilder response, LogPosition position) {
        return (position == null ? response : response.header(LogPosition.HEADER, position.toString())).build();
    }
}
