package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.testing.TestEvents;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged platform, as a user meets it: separate processes talking only through the real broker and registry.
 */
class PlatformIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void everyServiceIsHealthy() {
        for (String service : Platform.SERVICES) {
            given().get(service + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void aDeploymentRequestedAtTheGatewayIsQueuedByThePipelineWorkerAndSeenByTheOtherServices() {
        String project = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestEvents.Reader log = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            String id = given().contentType(ContentType.JSON)
                    .body("{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"2.0.0\","
                            + " \"gitUrl\": \"file:///srv/git/site\", \"gitBranch\": \"main\"}")
                    .post(Platform.DEPLOYMENT_API + "/api/deployments")
                    .then().statusCode(202).extract().path("id");

            // deployment-api wrote it; pipeline-worker, another process, answered on the log
            log.await(DeploymentRequested.class, e -> e.getDeploymentId().equals(id), WAIT);
            log.await(DeploymentQueued.class, e -> e.getDeploymentId().equals(id), WAIT);

            // ... and deployment-api consumed the worker's event into its history
            await().atMost(WAIT).untilAsserted(() -> given().get(Platform.DEPLOYMENT_API + "/api/deployments/" + id)
                    .then().statusCode(200).body("status", equalTo("pending")).body("queuePosition", equalTo(0)));
            given().get(Platform.PIPELINE_WORKER + "/api/queues/" + project + "/staging")
                    .then().statusCode(200).body("deploymentId", hasItem(id));
            // notification-service consumed the same request into its feed
            await().atMost(WAIT).untilAsserted(() -> given().queryParam("projectId", project)
                    .get(Platform.NOTIFICATION_SERVICE + "/api/notifications")
                    .then().statusCode(200).body("deploymentId", hasItem(id)));
        }
    }

    @Test
    void anEnvironmentConfiguredOverHttpIsProjectedFromTheLog() {
        String project = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"url\": \"https://staging.example.test\", \"settings\": {\"logging\": \"debug\"}}")
                .put(Platform.ENVIRONMENT_SERVICE + "/api/projects/" + project + "/environments/staging")
                .then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() -> given()
                .get(Platform.ENVIRONMENT_SERVICE + "/api/projects/" + project + "/environments")
                .then().statusCode(200)
                .body("[0].name", equalTo("staging"))
                .body("[0].settings.logging", equalTo("debug")));
    }
}
