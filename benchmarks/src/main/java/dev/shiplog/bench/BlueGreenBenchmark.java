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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blue-green for a server application: from the POST of a deployment of a new version of a Node.js server to the
 * moment the environment's URL answers from it, while two clients keep asking that URL all the time; every failed
 * request (an error status, no answer, an answer mixing releases) is counted. Versions alternate, each deployment
 * is awaited to its end before the next. Prints p50, p90, p99 and max with the machine's core count, and the
 * requests that failed during the switches (the goal: 0).
 *
 * <p>Run: {@code ./shiplog bench [deployments]}: after the other figures, max(20, deployments / 5) switches.
 */
public final class BlueGreenBenchmark {

    static final String SERVER = String.join("\n", "const http = require('http');",
            "http.createServer((req, res) => res.end('version=' + process.env.APP_VERSION + ' release='"
                    + " + process.env.SHIPLOG_RELEASE + ' end')).listen(Number(process.env.PORT));", "");

    public static void main(String[] args) throws Exception {
        int switches = Math.max(20, args.length > 0 ? Integer.parseInt(args[0]) / 5 : 20);
        int warmup = 2;
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String project = "bench-bg-" + UUID.randomUUID().toString().substring(0, 8);
        TestGitRepo repo = TestGitRepo.create("bench-blue-green", Map.of("server.js", SERVER));
        send(http, HttpRequest.newBuilder(URI.create(ENVIRONMENTS + "/api/projects/" + project + "/environments/bench"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"bakeSeconds\": 0}")).build());
        String body = "{\"projectId\": \"" + project + "\", \"environment\": \"bench\", \"version\": \"%s\","
                + " \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"startCommand\": \"node server.js\","
                + " \"environmentVariables\": {\"APP_VERSION\": \"%s\"}}}";
        waitForEnvironment(http, String.format(body, "probe", "probe"));
        String first = RollbackBenchmark.deploy(http, json, String.format(body, "v0", "v0"));
        String site = json.readTree(send(http, HttpRequest.newBuilder(URI.create(API + "/api/deployments/" + first))
                .GET().build()).body()).get("environmentUrl").asText();

        AtomicBoolean asking = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Thread client = new Thread(() -> {
                HttpClient own = HttpClient.newHttpClient();
                while (asking.get()) {
                    try {
                        HttpResponse<String> r = own.send(HttpRequest.newBuilder(URI.create(site))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        String release = r.headers().firstValue("X-Shiplog-Release").orElse("?");
                        boolean whole = r.statusCode() == 200 && r.body().endsWith(" release=" + release + " end");
                        (whole ? answered : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        List<Double> times = new ArrayList<>();
        for (int i = 1; i <= warmup + switches; i++) {
            String version = "v" + i;
            long t0 = System.nanoTime();
            HttpResponse<String> accepted = send(http, HttpRequest.newBuilder(URI.create(API + "/api/deployments"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(body, version, version))).build());
            String id = json.readTree(accepted.body()).get("id").asText();
            RollbackBenchmark.awaitServed(http, site, "version=" + version + " ", id);
            double millis = (System.nanoTime() - t0) / 1e6;
            if (!awaitFinished(http, json, id).equals("success")) {
                throw new IllegalStateException("deployment " + id + " did not succeed");
            }
            if (i > warmup) {
                times.add(millis);
            }
        }
        asking.set(false);
        for (Thread client : clients) {
            client.join();
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("blue-green of a Node.js server, POST to the new version answering at the environment URL,"
                + " %d deployments after %d warm-up, one at a time, 2 clients asking all along%n", switches, warmup);
        System.out.printf("cores=%d  p50=%.0f ms  p90=%.0f ms  p99=%.0f ms  max=%.0f ms  mean=%.0f ms%n",
                Runtime.getRuntime().availableProcessors(), percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
        System.out.printf("requests during the switches: %d answered, %d failed%n", answered.get(), failed.get());
    }

    private BlueGreenBenchmark() {
    }
}
