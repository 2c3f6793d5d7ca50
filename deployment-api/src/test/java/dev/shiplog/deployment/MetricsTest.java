package dev.shiplog.deployment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.RollbackOf;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The success metrics of a project from a scripted history on the real broker (deployments with known outcomes,
 * kinds and durations, their events dated as the pipeline would have written them), the same after a rebuild of
 * the projection from offset zero.
 */
@QuarkusTest
@WithTestResource(ApiInfra.class)
class MetricsTest {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    final String project = "met-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyFigureOfAScriptedHistoryIsItsDefinitionsAndARebuildChangesNone() {
        deployment("production", 0, 120, true, null);                       // 2 min
        deployment("production", 10, 60, false, null);                      // failed at 0:11
        String fixed = deployment("production", 20, 240, true, null);       // 4 min; restores after 13 min
        deployment("production", 30, 45, true, fixed);                      // rolled back in 45 s
        deployment("staging", 5, 90, true, null);                           // 1.5 min
        String base = "/api/projects/" + project + "/metrics?from=2026-11-02T00:00:00Z&to=2026-11-04T00:00:00Z";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(base).then().statusCode(200)
                .body("figures.find { it.name == 'successRate' }.sample", equalTo(5)));

        JsonPath all = given().get(base).then().statusCode(200).extract().jsonPath();
        assertEquals(0.8f, all.getFloat("figures.find { it.name == 'successRate' }.value"));
        // successful builds took 120, 240 and 90 s: the median 120, the 95th 240 (nearest rank)
        assertEquals(120f, all.getFloat("figures.find { it.name == 'deploymentTimeP50' }.value"));
        assertEquals(240f, all.getFloat("figures.find { it.name == 'deploymentTimeP95' }.value"));
        assertEquals(45f, all.getFloat("figures.find { it.name == 'rollbackTimeP50' }.value"));
        assertEquals(1.5f, all.getFloat("figures.find { it.name == 'deploymentFrequency' }.value"), 1e-6);
        assertEquals(1f / 3, all.getFloat("figures.find { it.name == 'changeFailureRate' }.value"), 1e-6);
        // restores: 0:11:00 to 0:24:00, and the rollback's own 45 s: the median (nearest rank) of two is 45
        assertEquals(45f, all.getFloat("figures.find { it.name == 'timeToRestore' }.value"));
        assertEquals(2, all.getInt("figures.find { it.name == 'timeToRestore' }.sample"));
        assertEquals("2026-11-02T00:00:00Z", all.getString("from"));
        given().get(base + "&environment=staging").then().statusCode(200)
                .body("figures.find { it.name == 'successRate' }.sample", equalTo(1))
                .body("environment", equalTo("staging"));
        String before = given().get(base).asString();

        given().post("/admin/rebuild").then().statusCode(200).body("identical", equalTo(true));
        assertEquals(before, given().get(base).asString());
    }

    @Test
    void aBadWindowOrEnvironmentIsA400NamingTheField() {
        String base = "/api/projects/" + project + "/metrics";
        given().get(base + "?from=yesterday").then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().get(base + "?from=2026-11-05T00:00:00Z&to=2026-11-04T00:00:00Z").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().get(base + "?from=2024-01-01T00:00:00Z&to=2026-11-04T00:00:00Z").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().get(base + "?environment=..%2Fx").then().statusCode(400);
        given().get(base + "?environment=-rf").then().statusCode(400).body("errors[0].field", equalTo("environment"));
        given().get(base).then().statusCode(200).body("figures.size()", equalTo(7));
    }

    /**
     * A deployment requested at minute {@code at} after T0 that ended {@code seconds} later, succeeded or failed; a
     * rollback of {@code replaced} if that is set. Returns its id.
     */
    String deployment(String environment, int at, int seconds, boolean succeeded, String replaced) {
        String id = UUID.randomUUID().toString();
        String key = Topics.environmentKey(project, environment);
        Instant requested = T0.plusSeconds(at * 60L);
        DeploymentRequested.Builder request = DeploymentRequested.newBuilder().setEnvelope(at(id, requested))
                .setDeploymentId(id).setProjectId(project).setEnvironment(environment).setVersion("v" + at)
                .setSource(Source.newBuilder().setGitUrl("file:///srv/git/" + project).setGitBranch("main").build())
                .setConfig(DeploymentConfig.newBuilder().setEnvironmentVariables(Map.of()).build());
        if (replaced != null) {
            request.setRollback(RollbackOf.newBuilder().setTargetDeploymentId(UUID.randomUUID().toString())
                    .setReplacedDeploymentId(replaced).build());
        }
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, request.build());
        Envelope end = at(id, requested.plusSeconds(seconds));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, succeeded
                ? DeploymentSucceeded.newBuilder().setEnvelope(end).setDeploymentId(id).setProjectId(project)
                        .setEnvironment(environment).setVersion("v" + at).setDurationMillis(seconds * 1000L)
                        .setDeploymentUrl("http://127.0.0.1:8082/deployments/" + id + "/")
                        .setEnvironmentUrl("http://127.0.0.1:8082/sites/" + project + "/" + environment + "/")
                        .build()
                : DeploymentFailed.newBuilder().setEnvelope(end).setDeploymentId(id).setProjectId(project)
                        .setEnvironment(environment).setStage(Stage.BUILD).setReason("the build failed")
                        .setDurationMillis(seconds * 1000L).build());
        return id;
    }

    static Envelope at(String id, Instant when) {
        return Envelope.newBuilder(TestEvents.envelope(id)).setOccurredAt(when).build();
    }
}
