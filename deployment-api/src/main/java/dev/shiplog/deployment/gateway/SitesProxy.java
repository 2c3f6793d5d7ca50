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
 * The sites on the gateway: {@code /sites/<project>/<environment>/...} (an environment's live release) and
 * {@code /deployments/<id>/...} (a deployment's own release) are passed on to the runtime that serves them (the
 * pipeline-worker), and its answer streamed back as it comes, with its caching headers. Sites are public: no
 * credential is asked for, and none is passed on.
 */
@ApplicationScoped
public class SitesProxy {

    static final List<String> PASSED_ON = List.of("Accept", "Accept-Language", "If-None-Match", "If-Modified-Since");
    static final List<String> PASSED_BACK = List.of("Content-Type", "Content-Length", "Cache-Control", "ETag",
            "Last-Modified", "X-Shiplog-Release");

    private final DeploymentApiConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public SitesProxy(DeploymentApiConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.getWithRegex("/(sites|deployments)/.*").order(-10).blockingHandler(this::forward, false);
    }

    private void forward(RoutingContext ctx) {
        Pipe.pipe(ctx, http, config.gateway().pipelineWorker(), PASSED_ON, PASSED_BACK, config.gateway().timeout());
    }
}
