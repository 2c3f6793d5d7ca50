package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.testing.TestEvents;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Chaos: deployments over several environments while components are killed -9 at random moments and restarted.
 * Then every request must be accounted for: final, successful (no outage here lasts as long as the outage
 * deadline), run in log order per environment and one at a time, exactly one final notification each, nothing lost
 * or duplicated, what each environment serves is what the log says is live, and each service's projection rebuilt
 * from the log is the same as the live one.
 * <ul>
 * <li>{@code ./shiplog test}: a short run in two waves, the four services killed together, then Kafka, PostgreSQL
 * and the registry together (a short outage of the broker, the database and the registry, during which the gateway
 * answers 503 problems), {@code shiplog.chaos.deployments} deployments (default 6);</li>
 * <li>{@code ./shiplog soak} and {@code ./shiplog chaos N}: every component killed in turn, N deployments (default
 * 30).</li>
 * </ul>
 * The seed of the random moments is printed.
 */
@Isolated
class ChaosIT {

    static final int ENVIRONMENTS = 3;
    static final Duration SETTLE = Duration.ofMinutes(6);
    static final String[] INFRASTRUCTURE = { "kafka", "postgres", "registry" };

    @Test
    void everyRequestIsAccountedForWhileTheServicesThenTheInfrastructureAreKilledAndRestarted() {
        Run run = new Run(Integer.getInteger("shiplog.chaos.deployments", 6));
        run.submit(run.deployments / 2);
        // one build leaves a process in the background: killed with the worker, it must not outlive it
        String marker = "sleep 30." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String bgProject = run.project + "-bg"; // a project of its own: the run's checks count the run's deployments
        Platform.environment(bgProject, "staging", "{}");
        String background = Platform.deploy(OutageIT.body(bgProject, "staging", "bg", "(" + marker + " &) ; sleep 4"),
                bgProject);
        await().atMost(Duration.ofSeconds(60)).until(() -> OutageIT.running(marker));
        run.killAt("the four services", Components.SERVICES);
        // the restarted worker killed what its predecessor's build left running, before running it again
        await().atMost(Duration.ofSeconds(30)).until(() -> !OutageIT.running(marker) || OutageIT.rerun(marker));
        run.submit(run.deployments * 3 / 4);
        run.killAt("Kafka, PostgreSQL and the registry", INFRASTRUCTURE);
        run.submit(run.deployments);
        run.check();
        JsonPath bg = Platform.finished(background, SETTLE);
        assertEquals("success", bg.getString("status"), bg.prettify());
        await().atMost(Duration.ofSeconds(40)).until(() -> !OutageIT.running(marker));
    }

    @Test
    @Tag("soak")
    void everyRequestIsAccountedForWhileEveryComponentIsKilledAndRestartedInTurn() {
        Run run = new Run(Integer.getInteger("shiplog.chaos.deployments", 30));
        int perKill = Math.max(1, (int) Math.ceil(run.deployments / (double) (Components.ALL.size() + 1)));
        for (String component : Components.ALL) {
            run.submit(Math.min(run.deployments, run.versions.size() + perKill));
            run.killAt(component, component);
        }
        run.submit(run.deployments);
        run.check();
    }

    /** One chaos run: its project, environments, the deployments requested so far and its random moments. */
    static final class Run {
        final int deployments;
        final long seed = Long.getLong("shiplog.chaos.seed", System.nanoTime());
        final Random random = new Random(seed);
        final String project = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        final TestGitRepo repo = TestGitRepo.create(project, Map.of("README", "chaos\n"));
        final List<String> environments = new ArrayList<>();
        final Map<String, String> versions = new LinkedHashMap<>(); // deployment id -> version
        final long t0 = System.nanoTime();

        Run(int deployments) {
            this.deployments = deployments;
            for (int e = 0; e < ENVIRONMENTS; e++) {
                environments.add("env-" + e);
                Platform.environment(project, "env-" + e, "{}");
            }
            System.out.printf("chaos: %d deployments over %d environments, seed %d%n", deployments, ENVIRONMENTS,
                    seed);
        }

        /** Requests deployments until {@code total} were. */
        void submit(int total) {
            while (versions.size() < total) {
                int n = versions.size();
                ChaosIT.submit(project, environments.get(n % ENVIRONMENTS), n, repo, versions);
            }
        }

        /** At a random moment of the deployments' lives, kill -9 of {@code components} at once, then their start. */
        void killAt(String what, String... components) {
            pause(Duration.ofMillis(300 + random.nextInt(2500)));
            System.out.printf("chaos: kill -9 %s at +%d s%n", what, (System.nanoTime() - t0) / 1_000_000_000);
            for (String component : components) {
                Components.kill9(component);
            }
            if (List.of(components).contains("postgres")) {
                // the database is away: the gateway says so, as a problem, rather than failing or hanging
                await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> given()
                        .get(Platform.DEPLOYMENT_API + "/api/deployments/" + versions.keySet().iterator().next())
                        .then().statusCode(503).contentType("application/problem+json"));
            }
            Components.up(components);
        }

        /** Every check of a chaos run, and a rebuild of every projection. */
        void check() {
            Map<String, String> versions = this.versions;
            // every request is final, and succeeded
            Map<String, JsonPath> ends = new LinkedHashMap<>();
            versions.keySet().forEach(id -> ends.put(id, Platform.finished(id, SETTLE)));
            List<String> unsuccessful = ends.entrySet().stream().filter(e -> !"success".equals(e.getValue()
                    .getString("status"))).map(e -> e.getKey() + " " + e.getValue().getString("status") + ": "
                            + e.getValue().getString("failureReason")).toList();
            assertTrue(unsuccessful.isEmpty(), "not successful: " + unsuccessful);

            // nothing duplicated: one deployment per request
            assertEquals(deployments, given().get(Platform.DEPLOYMENT_API + "/api/projects/" + project
                    + "/deployments?size=200").then().statusCode(200).extract().jsonPath().getInt("total"));

            // exactly one final notification each
            await().atMost(Platform.WAIT).ignoreExceptions().untilAsserted(() -> {
                List<Map<String, String>> feed = given().queryParam("projectId", project).queryParam("limit", 500)
                        .get(Platform.NOTIFICATION_SERVICE + "/api/notifications").then().statusCode(200).extract()
                        .jsonPath().getList("");
                for (String id : versions.keySet()) {
                    long finals = feed.stream().filter(n -> id.equals(n.get("deploymentId"))
                            && List.of("succeeded", "failed", "cancelled").contains(n.get("kind"))).count();
                    assertEquals(1, finals, "final notifications of " + id);
                }
            });

            // in log order per environment, one at a time; what is live is what the log says
            Map<String, List<SpecificRecord>> logs = readLog(project);
            int live = 0;
            for (String environment : environments) {
                List<SpecificRecord> log = logs.getOrDefault(environment, List.of());
                assertInOrderOneAtATime(environment, log);
                String last = null;
                for (SpecificRecord event : log) {
                    if (event instanceof DeploymentSucceeded s) {
                        last = s.getDeploymentId();
                    }
                }
                if (last != null) {
                    String expected = versions.get(last);
                    String lastId = last;
                    await().atMost(Platform.WAIT).ignoreExceptions().untilAsserted(() -> {
                        assertEquals(expected + "\n", given().get(Platform.PIPELINE_WORKER + "/sites/" + project
                                + "/" + environment + "/").then().statusCode(200).extract().asString());
                        assertEquals(lastId, given().get(Platform.DEPLOYMENT_API + "/api/projects/" + project
                                + "/environments/" + environment).then().statusCode(200).extract().path(
                                        "currentDeployment"));
                    });
                    live++;
                }
            }
            System.out.printf("chaos: %d requested, %d final, %d succeeded, 0 lost, 0 duplicated, %d environments"
                    + " serve what the log says, in %d s%n", deployments, ends.size(), ends.size()
                            - unsuccessful.size(), live, (System.nanoTime() - t0) / 1_000_000_000);

            // the log really replays: each service's projection rebuilt from offset zero beside the live one, after
            // all this, is the same row for row (compared before the switch); then each serves its rebuilt one
            List<java.util.concurrent.CompletableFuture<JsonPath>> rebuilds = java.util.Arrays.stream(
                    Platform.SERVICES).map(service -> java.util.concurrent.CompletableFuture.supplyAsync(() -> given()
                            .post(service + "/admin/rebuild").then().statusCode(200).extract().jsonPath())).toList();
            for (int i = 0; i < rebuilds.size(); i++) {
                String service = Platform.SERVICES[i];
                JsonPath report = rebuilds.get(i).join();
                System.out.printf("chaos: rebuilt %s from the log: %d events in %d ms (%d events/s), identical:"
                        + " %s%n", report.getString("schema"), report.getLong("events"), report.getLong("millis"),
                        report.getLong("eventsPerSecond"), report.getBoolean("identical"));
                assertTrue(report.getBoolean("identical"), service + ": " + report.prettify());
                assertTrue(report.getBoolean("switched"), service + ": " + report.prettify());
            }
            String after = Platform.deploy(body(project, environments.get(0), "after-rebuild", repo),
                    project + "-after");
            assertEquals("success", Platform.finished(after, Platform.WAIT).getString("status"));
            await().atMost(Platform.WAIT).ignoreExceptions().untilAsserted(() -> assertEquals("after-rebuild\n",
                    given().get(Platform.PIPELINE_WORKER + "/sites/" + project + "/" + environments.get(0) + "/")
                            .then().statusCode(200).extract().asString()));
        }
    }

    /** Each environment ran its deployments in the order they were requested, never two at once. */
    static void assertInOrderOneAtATime(String environment, List<SpecificRecord> log) {
        List<String> requested = new ArrayList<>();
        LinkedHashSet<String> started = new LinkedHashSet<>();
        String running = null;
        for (SpecificRecord event : log) {
            if (event instanceof DeploymentRequested r && !requested.contains(r.getDeploymentId())) {
                requested.add(r.getDeploymentId());
            } else if (event instanceof StageStarted s) {
                assertTrue(running == null || running.equals(s.getDeploymentId()), environment + ": "
                        + s.getDeploymentId() + " started while " + running + " ran");
                running = s.getDeploymentId();
                started.add(s.getDeploymentId());
            } else if (event instanceof DeploymentSucceeded || event instanceof DeploymentFailed
                    || event instanceof DeploymentCancelled) {
                String id = String.valueOf(event.get(event.getSchema().getField("deploymentId").pos()));
                if (id.equals(running)) {
                    running = null;
                }
            }
        }
        assertEquals(requested, new ArrayList<>(started), environment + ": started out of the order requested");
    }

    static Map<String, List<SpecificRecord>> readLog(String project) {
        Map<String, List<SpecificRecord>> out = new LinkedHashMap<>();
        try (TestEvents.Reader all = TestEvents.get().readFromBeginning(Topics.DEPLOYMENT_EVENTS)) {
            for (SpecificRecord event : all.readToEnd(r -> r.key() != null && r.key().startsWith(project + "/"))) {
                String environment = String.valueOf(event.get(event.getSchema().getField("environment").pos()));
                out.computeIfAbsent(environment, e -> new ArrayList<>()).add(event);
            }
        }
        return out;
    }

    static void submit(String project, String environment, int n, TestGitRepo repo, Map<String, String> versions) {
        String version = "c-" + n;
        versions.put(Platform.deploy(body(project, environment, version, repo), project + "-" + n,
                Duration.ofMinutes(4)), version);
    }

    static String body(String project, String environment, String version, TestGitRepo repo) {
        return "{\"projectId\": \"" + project + "\", \"environment\": \"" + environment + "\", \"version\": \""
                + version + "\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\":"
                + " \"sleep 1 && mkdir -p d && echo $V > d/index.html\", \"outputDirectory\": \"d\","
                + " \"environmentVariables\": {\"V\": \"" + version + "\"}, \"timeout\": 300}}";
    }

    // a random moment in the deployments' lives, for the kill: chaos by design, nothing is awaited here
    static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
