package dev.shiplog.pipeline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The per-environment queue, fed by real Avro events through the real broker and registry. */
@QuarkusTest
@WithTestResource(InfraResource.class)
class PipelineSchedulerTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void requestsForOneEnvironmentQueueInOrderAndAFinishedOneLeaves() {
        String project = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        String key = Topics.environmentKey(project, "staging");
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            DeploymentRequested first = requested(project);
            DeploymentRequested second = requested(project);
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, first);
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, second);

            DeploymentQueued firstQueued = events.await(DeploymentQueued.class,
                    q -> q.getDeploymentId().equals(first.getDeploymentId()), WAIT);
            DeploymentQueued secondQueued = events.await(DeploymentQueued.class,
                    q -> q.getDeploymentId().equals(second.getDeploymentId()), WAIT);
            assertEquals(0, firstQueued.getPosition());
            assertNull(firstQueued.getBlockedBy());
            assertEquals(1, secondQueued.getPosition());
            assertEquals(first.getDeploymentId(), secondQueued.getBlockedBy());
            assertEquals(first.getEnvelope().getEventId(), firstQueued.getEnvelope().getCausationId());
            assertEquals(first.getDeploymentId(), firstQueued.getEnvelope().getCorrelationId());

            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, DeploymentFailed.newBuilder()
                    .setEnvelope(TestEvents.envelope(first.getDeploymentId()))
                    .setDeploymentId(first.getDeploymentId()).setProjectId(project).setEnvironment("staging")
                    .setStage(Stage.BUILD).setReason("exit 2").setDurationMillis(10).build());
            DeploymentRequested third = requested(project);
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, third);
            assertEquals(1, events.await(DeploymentQueued.class,
                    q -> q.getDeploymentId().equals(third.getDeploymentId()), WAIT).getPosition());
        }
        given().get("/api/queues/" + project + "/staging").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[1].position", equalTo(1));
    }

    @Test
    void theSameRequestDeliveredTwiceKeepsOnePlace() {
        String project = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        String key = Topics.environmentKey(project, "staging");
        DeploymentRequested request = requested(project);
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, request);
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, request);
            DeploymentRequested next = requested(project);
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, next);
            assertEquals(1, events.await(DeploymentQueued.class,
                    q -> q.getDeploymentId().equals(next.getDeploymentId()), WAIT).getPosition());
        }
    }

    @Test
    void healthAndOpenApiAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/queues/{projectId}/{environment}"));
    }

    static DeploymentRequested requested(String project) {
        String id = UUID.randomUUID().toString();
        return DeploymentRequested.newBuilder()
                .setEnvelope(TestEvents.envelope(id))
                .setDeploymentId(id).setProjectId(project).setEnvironment("staging").setVersion("1.0." + id.charAt(0))
                .setSource(Source.newBuilder().setGitUrl("file:///srv/git/" + project).build())
                .setConfig(DeploymentConfig.newBuilder().setEnvironmentVariables(Map.of()).build())
                .build();
    }
}
