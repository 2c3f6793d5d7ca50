package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestGitRepo;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What operators read about the running platform: a project's success metrics from its deployments (one good, one
 * failing build here), and every service's Prometheus metrics on {@code /q/metrics} (this machine only).
 */
class MetricsIT {

    @Test
    void aProjectsFiguresFollowItsDeploymentsAndEveryServiceHasPrometheusMetrics() throws Exception {
        String project = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Platform.environment(project, "staging", "{}");
        try (TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>measured</h1>\n"))) {
            String good = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\"}", project + "-1");
            String bad = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"2\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\":"
                    + " \"exit 3\"}}", project + "-2");
            assertEquals("success", Platform.finished(good, Platform.WAIT).getString("status"));
            assertEquals("failed", Platform.finished(bad, Platform.WAIT).getString("status"));
        }
        JsonPath figures = given().get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/metrics").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(0.5f, figures.getFloat("figures.find { it.name == 'successRate' }.value"));
        assertEquals(2, figures.getInt("figures.find { it.name == 'successRate' }.sample"));
        assertTrue(figures.getFloat("figures.find { it.name == 'deploymentTimeP50' }.value") > 0);
        assertTrue(figures.getString("figures.find { it.name == 'changeFailureRate' }.definition")
                .contains("rollback"));

        // Prometheus' text format on every service, from this machine
        assertTrue(metrics(8080).contains("http_server_requests_seconds_count"), "the gateway's HTTP requests");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> metrics(8082)
                .contains("shiplog_lane_deployments{state=\"queued\"}"));
        String worker = metrics(8082);
        assertTrue(worker.contains("shiplog_stage_duration_seconds_count{"), "stage durations");
        assertTrue(worker.contains("shiplog_deployments_running"), "deployments running here");
        assertTrue(worker.contains("kafka_consumer_fetch_manager_records_lag_max{client_id=\"kafka-consumer-pipeline\""),
                "consumer lag of the deployment events' consumer");
        assertTrue(!metrics(8080).contains("uri=\"/sites/" + project), "one series per route, not per project");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> metrics(8084)
                .contains("shiplog_deliveries{state=\"delivered\"}"));
        assertTrue(metrics(8083).contains("jvm_memory_used_bytes"), "the environment-service's");
    }

    static String metrics(int port) {
        return given().get("http://127.0.0.1:" + port + "/q/metrics").then().statusCode(200).extract().asString();
    }
}
