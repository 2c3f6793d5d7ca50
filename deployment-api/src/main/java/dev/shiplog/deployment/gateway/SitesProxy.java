package dev.shiplog.deployment.gateway;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The sites on the gateway: {@code /sites/<project>/<environment>/...} (an environment's live release) and
 * {@code /deployments/<id>/...} (a deployment's own release) are passed on to the runtime that serves them (the
 * pipeline-worker), and its answer streamed back as it comes, with its caching headers. Sites are public: no
 * credential is asked for, and none is passed on.
 */
@ApplicationScoped
public class SitesProxy {

    private static final Logger LOG = Logger.getLogger(SitesProxy.class);
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
        String base = config.gateway().pipelineWorker().replaceAll("/+$", "");
        String query = ctx.request().query();
        HttpServerResponse out = ctx.response();
        URI target;
        try {
            target = URI.create(base + ctx.request().path() + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            out.setStatusCode(400).end("not a path\n");
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(config.gateway().timeout()).GET();
        for (String name : PASSED_ON) {
            String value = ctx.request().getHeader(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            out.setStatusCode(503).putHeader("Content-Type", "text/plain").end("the runtime is unavailable\n");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.setStatusCode(503).end();
            return;
        }
        out.setStatusCode(answer.statusCode());
        for (String name : PASSED_BACK) {
            answer.headers().firstValue(name).ifPresent(v -> out.putHeader(name, v));
        }
        if (answer.headers().firstValue("Content-Length").isEmpty()) {
            out.setChunked(true);
        }
        byte[] chunk = new byte[64 * 1024];
        try (InputStream body = answer.body()) {
            int n;
            while ((n = body.read(chunk)) > 0) {
                // waits for each piece to be written: memory stays bounded whatever the size of the file
                out.write(Buffer.buffer(Arrays.copyOf(chunk, n))).toCompletionStage().toCompletableFuture().join();
            }
            out.end();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("site answer for %s cut short: %s", target, e.toString());
            out.reset();
        }
    }
}
