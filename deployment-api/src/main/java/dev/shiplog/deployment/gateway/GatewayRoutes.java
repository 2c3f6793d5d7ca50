package dev.shiplog.deployment.gateway;

import static dev.shiplog.deployment.gateway.Route.Kind.CATALOG_WRITE;
import static dev.shiplog.deployment.gateway.Route.Kind.READ;
import static dev.shiplog.deployment.gateway.Route.Kind.STREAM;
import static dev.shiplog.deployment.gateway.Route.Kind.WRITE;
import static dev.shiplog.deployment.gateway.UpstreamService.ENVIRONMENTS;
import static dev.shiplog.deployment.gateway.UpstreamService.NOTIFICATIONS;
import static dev.shiplog.deployment.gateway.UpstreamService.PIPELINE;

import java.util.List;
import java.util.Optional;

/**
 * The one table of the other services' public operations the gateway serves, on the same paths: projects,
 * environments, their variables and comparison (environment-service), the notification feed and subscriptions
 * (notification-service), the lanes (pipeline-worker). Their documentation is the services' own OpenAPI, merged into
 * the gateway's ({@link UpstreamOpenApi}); the gateway's own operations (deployments, releases, tokens, members,
 * audit) are its JAX-RS resources.
 */
public final class GatewayRoutes {

    private static final String PROJECT = "/api/projects/{projectId}";
    private static final String ENVIRONMENT = PROJECT + "/environments/{environment}";
    private static final String SUBSCRIPTION = PROJECT + "/subscriptions/{subscriptionId}";

    /** Every route; a more specific path before one that would match it too. */
    public static final List<Route> ALL = List.of(
            new Route("GET", "/api/projects", ENVIRONMENTS, READ),
            new Route("GET", PROJECT, ENVIRONMENTS, READ),
            new Route("PUT", PROJECT, ENVIRONMENTS, CATALOG_WRITE),
            new Route("DELETE", PROJECT, ENVIRONMENTS, CATALOG_WRITE),
            new Route("GET", PROJECT + "/environments", ENVIRONMENTS, READ),
            new Route("GET", PROJECT + "/environments/compare", ENVIRONMENTS, READ),
            new Route("GET", ENVIRONMENT, ENVIRONMENTS, READ),
            new Route("PUT", ENVIRONMENT, ENVIRONMENTS, CATALOG_WRITE),
            new Route("PUT", ENVIRONMENT + "/variables/{name}", ENVIRONMENTS, CATALOG_WRITE),
            new Route("DELETE", ENVIRONMENT + "/variables/{name}", ENVIRONMENTS, CATALOG_WRITE),
            new Route("POST", "/api/admin/secrets/reseal", ENVIRONMENTS, CATALOG_WRITE),
            new Route("GET", "/api/notifications", NOTIFICATIONS, READ),
            new Route("GET", PROJECT + "/notifications", NOTIFICATIONS, READ),
            new Route("POST", PROJECT + "/notifications/read", NOTIFICATIONS, WRITE),
            new Route("GET", PROJECT + "/notifications/stream", NOTIFICATIONS, STREAM),
            new Route("GET", PROJECT + "/subscriptions", NOTIFICATIONS, READ),
            new Route("POST", PROJECT + "/subscriptions", NOTIFICATIONS, WRITE),
            new Route("GET", SUBSCRIPTION, NOTIFICATIONS, READ),
            new Route("PUT", SUBSCRIPTION, NOTIFICATIONS, WRITE),
            new Route("DELETE", SUBSCRIPTION, NOTIFICATIONS, WRITE),
            new Route("POST", SUBSCRIPTION + "/pause", NOTIFICATIONS, WRITE),
            new Route("POST", SUBSCRIPTION + "/resume", NOTIFICATIONS, WRITE),
            new Route("GET", SUBSCRIPTION + "/deliveries", NOTIFICATIONS, READ),
            new Route("POST", SUBSCRIPTION + "/deliveries/{deliveryId}/resend", NOTIFICATIONS, WRITE),
            new Route("GET", "/api/queues/{projectId}/{environment}", PIPELINE, READ));

    /** The route of a request {@code method} {@code rawPath}, if the gateway passes it on. */
    public static Optional<Route> match(String method, String rawPath) {
        return ALL.stream().filter(r -> r.matches(method, rawPath)).findFirst();
    }

    private GatewayRoutes() {
    }
}
