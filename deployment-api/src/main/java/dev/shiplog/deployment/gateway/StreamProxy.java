package dev.shiplog.deployment.gateway;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * A project's live notification stream on the gateway ({@code /api/projects/<id>/notifications/stream}): passed on
 * to the notification-service with the caller's credential, which checks it, and streamed back event by event (a
 * JAX-RS answer would wait for the end of the stream).
 */
@ApplicationScoped
public class StreamProxy {

    static final List<String> PASSED_ON = List.of("Authorization", "Accept", "Last-Event-ID");
    static final List<String> PASSED_BACK = List.of("Content-Type", "Content-Length", "Cache-Control",
            "WWW-Authenticate");

    private final DeploymentApiConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public StreamProxy(DeploymentApiConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.getWithRegex("/api/projects/[^/]+/notifications/stream").order(-10)
                .blockingHandler(this::forward, false);
    }

    private void forward(RoutingContext ctx) {
        SitesProxy.pipe(ctx, http, config.gateway().notificationService(), PASSED_ON, PASSED_BACK,
                config.gateway().timeout());
    }
}
