package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shiplog.testing.TestGitRepo;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Faults must not fail deployments: Kafka away for 12 s, PostgreSQL away for 20 s, the pipeline-worker killed -9
 * in the middle of a build. Long runs ({@code ./shiplog soak}): the chaos run of {@code ./shiplog test} has a short
 * outage of both, and kills the worker in the middle of a build that left a process behind. Every deployment in flight still succeeds (the outage deadline is 120 s); while the
 * database is away the API answers 503 problems, and a service killed and started again meanwhile waits for it; a
 * killed worker's build dies with it and runs again.
 */
@Isolated
@Tag("soak")
class OutageIT {

    static final Duration WAIT = Duration.ofMinutes(4);

    @Test
    void kafkaAwayFor12SecondsFailsNoDeployment() {
        String project = project();
        List<String> ids = startTwoBuilds(project, "sleep 6");
        Components.down("kafka");
        ChaosIT.pause(Duration.ofSeconds(12)); // the outage itself
        Components.up("kafka");
        assertAllSucceed(ids);
    }

    @Test
    void postgresAwayFor20SecondsFailsNoDeploymentTheApiAnswers503AndAServiceRestartedMeanwhileWaits()
            throws Exception {
        String project = project();
        List<String> ids = startTwoBuilds(project, "sleep 6");
        Components.down("postgres");
        CompletableFuture<Void> restarted;
        try {
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> given()
                    .get(Platform.DEPLOYMENT_API + "/api/deployments/" + ids.get(0)).then().statusCode(503)
                    .contentType("application/problem+json"));
            // a service that crashes while the database is away, and is started again, waits for the database
            // (it used to exit at its first connection)
            long killed = Components.pid("environment-service");
            Components.kill9("environment-service");
            restarted = Components.upLater("environment-service");
            ChaosIT.pause(Duration.ofSeconds(17)); // the rest of the 20 s outage
            // (and longer if need be, until the new one has tried the database: its start rotated the log)
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> restarted.isDone()
                    || Components.pid("environment-service") != killed
                            && Components.log("environment-service").contains("Retrying in"));
        } finally {
            Components.up("postgres");
        }
        restarted.get(3, TimeUnit.MINUTES); // ./shiplog up saw it healthy
        given().get(Platform.ENVIRONMENT_SERVICE + "/api/projects/" + project + "/environments/env-a").then()
                .statusCode(200);
        assertAllSucceed(ids);
    }

    @Test
    void aWorkerKilledDuringABuildLeavesNoProcessBehindAndItsDeploymentsStillSucceed() {
        String project = project();
        String marker = "sleep 20." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        List<String> ids = startTwoBuilds(project, "(" + marker + " &) ; sleep 8");
        String queued = Platform.deploy(body(project, "env-a", "3", "true"), project + "-queued");
        await().atMost(Duration.ofSeconds(30)).until(() -> running(marker));
        Components.kill9("pipeline-worker");
        Components.up("pipeline-worker");
        // the restarted worker killed what its predecessor left running, before running anything again
        await().atMost(Duration.ofSeconds(30)).until(() -> !running(marker) || rerun(marker));
        assertAllSucceed(List.of(ids.get(0), ids.get(1), queued));
        await().atMost(Duration.ofSeconds(30)).until(() -> !running(marker));
        Path workspaces = Components.ROOT.resolve(".shiplog/pipeline/workspaces");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(workspaces)
                || Files.list(workspaces).noneMatch(p -> p.getFileName().toString().startsWith(ids.get(0))));
    }

    static boolean running(String part) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.isAlive()
                && p.info().commandLine().orElse("").contains(part));
    }

    /** The marker runs again because the deployment runs again (attempt 2), not because it survived. */
    static boolean rerun(String part) {
        return ProcessHandle.allProcesses().filter(p -> p.isAlive()
                && p.info().commandLine().orElse("").contains(part))
                .allMatch(p -> p.info().startInstant().map(t -> t.isAfter(java.time.Instant.now().minusSeconds(25)))
                        .orElse(false));
    }

    /** Two deployments (in two environments) whose builds are running. */
    static List<String> startTwoBuilds(String project, String build) {
        Platform.environment(project, "env-a", "{}");
        Platform.environment(project, "env-b", "{}");
        String a = Platform.deploy(body(project, "env-a", "1", build), project + "-a");
        String b = Platform.deploy(body(project, "env-b", "2", build), project + "-b");
        for (String id : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                    .get(Platform.DEPLOYMENT_API + "/api/deployments/" + id).then().statusCode(200)
                    .body("status", equalTo("building")));
        }
        return List.of(a, b);
    }

    static void assertAllSucceed(List<String> ids) {
        for (String id : ids) {
            JsonPath deployment = Platform.finished(id, WAIT);
            assertEquals("success", deployment.getString("status"), deployment.prettify());
        }
    }

    static String body(String project, String environment, String version, String build) {
        TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>" + version + "</h1>\n"));
        return "{\"projectId\": \"" + project + "\", \"environment\": \"" + environment + "\", \"version\": \""
                + version + "\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"" + build
                + "\", \"timeout\": 300}}";
    }

    static String project() {
        return "out-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
