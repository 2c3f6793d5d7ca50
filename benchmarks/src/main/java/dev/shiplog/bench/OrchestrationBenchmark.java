package dev.shiplog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestGitRepo;
import java.io.IOException;
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
 * Orchestration overhead of a deployment: from the POST to the moment the API reports {@code success}, for a
 * build whose command does nothing ({@code true}), minus that command's own time. Deployments run one after the
 * other against the platform of {@code ./shiplog up}; prints p50, p90, p99 and max with the machine's core count.
 *
 * <p>Run: {@code ./shiplog bench [deployments]} (default 100).
 */
public final class OrchestrationBenchmark {

    static final String API = System.getProperty("shiplog.api", "http://127.0.0.1:8080");
    static final String ENVIRONMENTS = System.getProperty("shiplog.environments", "http://127.0.0.1:8080");
    static final Duration POLL = Duration.ofMillis(5);

    public static void main(String[] args) throws Exception {
        int deployments = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmup = Math.max(5, deployments / 10);
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String project = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        TestGitRepo repo = TestGitRepo.create("bench-site", Map.of("public/index.html", "<h1>bench</h1>\n"));

        send(http, HttpRequest.newBuilder(URI.create(ENVIRONMENTS + "/api/projects/" + project + "/environments/bench"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        String body = "{\"projectId\": \"" + project + "\", \"environment\": \"bench\", \"version\": \"%d\","
                + " \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"true\","
                + " \"outputDirectory\": \"public\"}}";
        waitForEnvironment(http, String.format(body, 0));

        double commandMillis = commandOwnTime();
        List<Double> overhead = new ArrayList<>();
        Map<String, List<Double>> phases = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= warmup + deployments; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> accepted = send(http, HttpRequest.newBuilder(URI.create(API + "/api/deployments"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(body, i))).build());
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("POST answered " + accepted.statusCode() + ": " + accepted.body());
            }
            String id = json.readTree(accepted.body()).get("id").asText();
            String status = awaitFinished(http, json, id);
            double millis = (System.nanoTime() - t0) / 1e6;
            if (!status.equals("success")) {
                throw new IllegalStateException("deployment " + id + " ended " + status);
            }
            if (i > warmup) {
                overhead.add(millis - commandMillis);
                phases(http, json, id).forEach((phase, ms) -> phases.computeIfAbsent(phase, k -> new ArrayList<>())
                        .add(ms));
            }
        }
        double[] sorted = overhead.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("orchestration overhead, POST to success, no-op build, %d deployments after %d warm-up,"
                + " one at a time%n", deployments, warmup);
        System.out.printf("cores=%d  p50=%.0f ms  p90=%.0f ms  p99=%.0f ms  max=%.0f ms  mean=%.0f ms"
                + "  (build command's own time %.1f ms subtracted)%n", Runtime.getRuntime().availableProcessors(),
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElse(0), commandMillis);
        System.out.println("where the time goes (from the deployment's own times, as the API shows them):");
        phases.forEach((phase, values) -> {
            double[] p = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("  %-32s p50=%5.0f ms  p90=%5.0f ms  p99=%5.0f ms%n", phase, percentile(p, 50),
                    percentile(p, 90), percentile(p, 99));
        });
    }

    /**
     * A finished deployment's time, phase by phase: from its request to its first stage, each stage, the gaps
     * between stages, and from its last stage to its end.
     */
    static Map<String, Double> phases(HttpClient http, ObjectMapper json, String id) throws Exception {
        JsonNode d = json.readTree(send(http, HttpRequest.newBuilder(URI.create(API + "/api/deployments/" + id))
                .GET().build()).body());
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        java.time.Instant last = java.time.Instant.parse(d.get("requestedAt").asText());
        String previous = "request";
        for (JsonNode stage : d.get("stages")) {
            if (stage.get("startedAt").isNull() || stage.get("completedAt").isNull()) {
                continue;
            }
            java.time.Instant started = java.time.Instant.parse(stage.get("startedAt").asText());
            java.time.Instant completed = java.time.Instant.parse(stage.get("completedAt").asText());
            String name = stage.get("stage").asText().toLowerCase(java.util.Locale.ROOT);
            out.put(previous + " -> " + name, (double) Duration.between(last, started).toMillis());
            out.put(name + " stage", (double) Duration.between(started, completed).toMillis());
            last = completed;
            previous = name;
        }
        out.put(previous + " -> success", (double) Duration.between(last,
                java.time.Instant.parse(d.get("completedAt").asText())).toMillis());
        return out;
    }

    /** The no-op build command's own time: what the benchmark subtracts. */
    static double commandOwnTime() throws IOException, InterruptedException {
        long total = 0;
        int runs = 20;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            new ProcessBuilder("bash", "-c", "true").start().waitFor();
            total += System.nanoTime() - t0;
        }
        return total / 1e6 / runs;
    }

    static String awaitFinished(HttpClient http, ObjectMapper json, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(http, HttpRequest.newBuilder(URI.create(API + "/api/deployments/" + id))
                    .GET().build());
            if (response.statusCode() == 200) {
                JsonNode d = json.readTree(response.body());
                String status = d.get("status").asText();
                if (List.of("success", "failed", "cancelled").contains(status)) {
                    return status;
                }
            }
            Thread.sleep(POLL.toMillis()); // polling interval of the measurement, bounded by the deadline
        }
        throw new IllegalStateException("deployment " + id + " did not finish in 2 minutes");
    }

    static void waitForEnvironment(HttpClient http, String probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(API + "/api/deployments"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "bench-probe")
                    .POST(HttpRequest.BodyPublishers.ofString(probe)).build());
            if (r.statusCode() == 202) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway never learned about the benchmark's environment");
    }

    /** Every call as the instance administrator ({@code ./shiplog up} keeps the token in .shiplog/secrets). */
    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        TestAuth.usePlatform();
        return http.send(HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + TestAuth.admin()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private OrchestrationBenchmark() {
    }
}
