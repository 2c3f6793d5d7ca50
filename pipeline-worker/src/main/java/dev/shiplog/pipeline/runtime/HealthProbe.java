package dev.shiplog.pipeline.runtime;

import dev.shiplog.pipeline.domain.health.Check;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The one health probe of a release, for verify (the deployment's own URL), the bake watch and the live health
 * (the environment's URL): a GET of the public URL, sent to where the platform itself reaches it
 * ({@link Runtime#probeUrl}: the runtime directly, not through the gateway), with a deadline. Below 400 is healthy,
 * anything else (an error status, no answer in time, a refused connection) failed; no transaction is held while it
 * waits.
 */
@ApplicationScoped
public class HealthProbe {

    /** What one probe found: the status (null: no answer) or the problem, and how long it took. */
    public record Result(String url, Integer status, long millis, String problem, String instances) {

        public Result(String url, Integer status, long millis, String problem) {
            this(url, status, millis, problem, null);
        }

        public boolean healthy() {
            return problem == null;
        }

        /** As the health rules see it: healthy, slow (answered after {@code slowAfter}) or failed. */
        public Check check(Duration slowAfter) {
            if (problem != null) {
                return Check.failed(problem);
            }
            String shortOf = Check.shortOfInstances(instances);
            if (shortOf != null) {
                return Check.slow(shortOf);
            }
            return millis > slowAfter.toMillis() ? Check.slow("answered in " + millis + " ms (slow)")
                    : Check.HEALTHY;
        }
    }

    private final Runtime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HealthProbe(Runtime runtime) {
        this.runtime = runtime;
    }

    /** Probes {@code url} (a public URL of a release), answering within {@code timeout}. */
    public CompletableFuture<Result> probe(String url, Duration timeout) {
        long started = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(runtime.probeUrl(url))).timeout(timeout).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Result(url, null, 0, e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((answer, error) -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                return new Result(url, null, millis, cause.toString());
            }
            int status = answer.statusCode();
            return new Result(url, status, millis, status < 400 ? null : "answered " + status,
                    answer.headers().firstValue("X-Shiplog-Instances").orElse(null));
        });
    }

    /** {@link #probe}, waited for. */
    public Result probeNow(String url, Duration timeout) {
        return probe(url, timeout).join();
    }
}
