package dev.shiplog.bench;

import static dev.shiplog.bench.OrchestrationBenchmark.API;
import static dev.shiplog.bench.OrchestrationBenchmark.percentile;
import static dev.shiplog.bench.OrchestrationBenchmark.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.shiplog.testing.TestGitRepo;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * From an event on the log to the webhook that tells about it, on the running platform: deployments to an
 * environment that needs an approval (so no build runs) each put a DeploymentRequested on the log, and a webhook
 * subscription to {@code approval_requested} receives it. The latency is the receipt at the receiver (this
 * process) minus the event's time ({@code notification.occurredAt}, the envelope's, set by the gateway as it
 * writes the event); the same clock. One deployment at a time, so each figure is one event's path. Prints
 * percentiles and the core count.
 */
public final class NotificationBenchmark {

    public static void main(String[] args) throws Exception {
        int events = Math.max(50, args.length > 0 ? Integer.parseInt(args[0]) : 100);
        int warmup = 5;
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String project = "bench-nt-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Double> latencies = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        receiver.createContext("/hook", exchange -> {
            Instant at = Instant.now();
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            Instant occurred = Instant.parse(body.get("notification").get("occurredAt").asText());
            latencies.putIfAbsent(body.get("notification").get("deploymentId").asText(),
                    Duration.between(occurred, at).toNanos() / 1e6);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            send(http, HttpRequest.newBuilder(URI.create(API + "/api/projects/" + project + "/environments/bench"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"approvalRequired\": true}")).build());
            send(http, HttpRequest.newBuilder(URI.create(API + "/api/projects/" + project + "/subscriptions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\": \"bench\", \"channel\": \"webhook\", \"url\": \"http://127.0.0.1:"
                                    + receiver.getAddress().getPort() + "/hook\", \"secret\": \"bench-secret-"
                                    + UUID.randomUUID() + "\", \"kinds\": [\"approval_requested\"]}")).build());
            TestGitRepo repo = TestGitRepo.create("bench-notify", Map.of("index.html", "<h1>bench</h1>\n"));
            String body = "{\"projectId\": \"" + project + "\", \"environment\": \"bench\", \"version\": \"1\","
                    + " \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"true\"}}";
            String[] ids = new String[warmup + events];
            for (int i = 0; i < ids.length; i++) {
                var accepted = send(http, HttpRequest.newBuilder(URI.create(API + "/api/deployments"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
                if (accepted.statusCode() != 202) {
                    throw new IllegalStateException("deployment refused: " + accepted.statusCode() + " "
                            + accepted.body());
                }
                ids[i] = json.readTree(accepted.body()).get("id").asText();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!latencies.containsKey(ids[i])) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no webhook for deployment " + ids[i] + " in 30 s");
                    }
                    Thread.sleep(1); // polling interval of the measurement, bounded by the deadline
                }
            }
            double[] sorted = Arrays.stream(ids).skip(warmup).mapToDouble(latencies::get).sorted().toArray();
            System.out.printf("notification, event on the log to signed webhook received, %d events (after %d"
                    + " warm-up)%n", events, warmup);
            System.out.printf("cores=%d  p50=%.0f ms  p90=%.0f ms  p99=%.0f ms  max=%.0f ms  mean=%.0f ms%n",
                    Runtime.getRuntime().availableProcessors(), percentile(sorted, 50), percentile(sorted, 90),
                    percentile(sorted, 99), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
        } finally {
            receiver.stop(0);
        }
    }

    private NotificationBenchmark() {
    }
}
