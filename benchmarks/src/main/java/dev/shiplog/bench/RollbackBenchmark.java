package dev.shiplog.bench;

import static dev.shiplog.bench.OrchestrationBenchmark.API;
import static dev.shiplog.bench.OrchestrationBenchmark.ENVIRONMENTS;
import static dev.shiplog.bench.OrchestrationBenchmark.awaitFinished;
import static dev.shiplog.bench.OrchestrationBenchmark.percentile;
import static dev.shiplog.bench.OrchestrationBenchmark.send;
import static dev.shiplog.bench.OrchestrationBenchmark.waitForEnvironment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.testing.TestGitRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rollback time: from the POST of a rollback to the moment the old release is verified live at the environment's URL
 * (the URL serves the target's content, by the rollback's release). Two releases are deployed, then the environment
 * is rolled back to one and the other in turn; each rollback is timed, then awaited to its end (not timed) before
 * the next. Prints p50, p90, p99 and max with the machine's core count.
 *
 * <p>Run: {@code ./shiplog bench [deployments]}: after the orchestration figure, max(50, deployments / 2) rollbacks.
 */
public final class RollbackBenchmark {

    static final Duration POLL = Duration.ofMillis(5);

    public static void main(String[] args) throws Exception {
        int rollbacks = Math.max(50, args.length > 0 ? Integer.parseInt(args[0]) / 2 : 50);
        int warmup = 5;
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String project = "bench-rb-" + UUID.randomUUID().toString().substring(0, 8);
        TestGitRepo repo = TestGitRepo.create("bench-rollback", Map.of("index.html", "<h1>VERSION</h1>\n"));
        send(http, HttpRequest.newBuilder(URI.create(ENVIRONMENTS + "/api/projects/" + project + "/environments/bench"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"bakeSeconds\": 0}")).build());
        String body = "{\"projectId\": \"" + project + "\", \"environment\": \"bench\", \"version\": \"%s\","
                + " \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"mkdir -p out && sed"
                + " s/VERSION/%s-" + project + "/ index.html > out/index.html\", \"outputDirectory\": \"out\"}}";
        waitForEnvironment(http, String.format(body, "probe", "probe"));
        String[] releases = { deploy(http, json, String.format(body, "a", "a")),
                deploy(http, json, String.format(body, "b", "b")) };
        String[] markers = { "a-" + project, "b-" + project };
        String site = json.readTree(send(http, HttpRequest.newBuilder(URI.create(API + "/api/deployments/"
                + releases[1])).GET().build()).body()).get("environmentUrl").asText();

        String live = releases[1];
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warmup + rollbacks; i++) {
            int target = i % 2; // back to a, then to b, ...
            long t0 = System.nanoTime();
            HttpResponse<String> accepted = send(http, HttpRequest.newBuilder(URI.create(API + "/api/deployments/"
                    + live + "/rollback")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"targetDeploymentId\": \"" + releases[target]
                            + "\"}")).build());
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("rollback answered " + accepted.statusCode() + ": " + accepted.body());
            }
            String rollback = json.readTree(accepted.body()).get("id").asText();
            awaitServed(http, site, markers[target], rollback);
            double millis = (System.nanoTime() - t0) / 1e6;
            String status = awaitFinished(http, json, rollback);
            if (!status.equals("success")) {
                throw new IllegalStateException("rollback " + rollback + " ended " + status);
            }
            // the next rollback is asked for at once: deployment-api's release line catches up with the history
            // that showed this one succeeded before it decides (RestoreCommands)
            if (i >= warmup) {
                times.add(millis);
            }
            live = rollback;
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("rollback, POST to the old release verified live at the environment URL, %d rollbacks"
                + " after %d warm-up, one at a time%n", rollbacks, warmup);
        System.out.printf("cores=%d  p50=%.0f ms  p90=%.0f ms  p99=%.0f ms  max=%.0f ms  mean=%.0f ms%n",
                Runtime.getRuntime().availableProcessors(), percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
    }

    static String deploy(HttpClient http, ObjectMapper json, String body) throws Exception {
        HttpResponse<String> accepted = send(http, HttpRequest.newBuilder(URI.create(API + "/api/deployments"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        String id = json.readTree(accepted.body()).get("id").asText();
        if (!awaitFinished(http, json, id).equals("success")) {
            throw new IllegalStateException("deployment " + id + " did not succeed");
        }
        return id;
    }

    /** Until the environment's URL serves {@code marker} from the rollback's own release. */
    static void awaitServed(HttpClient http, String site, String marker, String release) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(site)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (served.statusCode() == 200 && served.body().contains(marker)
                    && release.equals(served.headers().firstValue("X-Shiplog-Release").orElse(null))) {
                return;
            }
            Thread.sleep(POLL.toMillis()); // polling interval of the measurement, bounded by the deadline
        }
        throw new IllegalStateException("the environment never served the rollback " + release);
    }

    private RollbackBenchmark() {
    }
}
