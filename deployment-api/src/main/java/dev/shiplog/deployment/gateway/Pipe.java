package dev.shiplog.deployment.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
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
 * A GET passed on and its answer streamed back as it comes (a site's files, a live stream of events): memory stays
 * bounded whatever its size or length. Runs on a worker thread: it blocks while the answer comes.
 */
final class Pipe {

    private static final Logger LOG = Logger.getLogger(Pipe.class);

    /**
     * Passes a GET on to {@code base} (same path and query, the {@code passedOn} request headers) and streams the
     * answer back as it comes, with the {@code passedBack} headers.
     */
    static void pipe(RoutingContext ctx, HttpClient http, String base, List<String> passedOn,
            List<String> passedBack, Duration timeout) {
        String query = ctx.request().query();
        HttpServerResponse out = ctx.response();
        URI target;
        try {
            target = URI.create(base.replaceAll("/+$", "") + ctx.request().path() + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            out.setStatusCode(400).end("not a path\n");
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout).GET();
        for (String name : passedOn) {
            String value = ctx.request().getHeader(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            out.setStatusCode(503).putHeader("Content-Type", "text/plain").end("the service behind the gateway is"
                    + " unavailable\n");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.setStatusCode(503).end();
            return;
        }
        out.setStatusCode(answer.statusCode());
        for (String name : passedBack) {
            answer.headers().firstValue(name).ifPresent(v -> out.putHeader(name, v));
        }
        if (!passedBack.contains("Content-Length") || answer.headers().firstValue("Content-Length").isEmpty()) {
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
            LOG.debugf("answer for %s cut short: %s", target, e.toString());
            out.reset();
        }
    }

    private Pipe() {
    }
}
