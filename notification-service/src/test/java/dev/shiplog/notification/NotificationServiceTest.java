package dev.shiplog.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.notification.NotificationDelivered;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * notification-service against the real broker, registry and database: deployment events another service put on
 * the log become entries of the project's live feed, and each entry is announced as a real Avro
 * NotificationDelivered.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class NotificationServiceTest {

    // generous: on the first run against a persistent broker the consumer group starts from the topic's beginning
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String ENV = "staging";

    @Test
    void aSuccessIsInTheFeedWithItsUrlAndAnnouncedOnTheLog() {
        String project = newProject();
        String id = UUID.randomUUID().toString();
        DeploymentSucceeded succeeded = succeeded(project, id, TestEvents.envelope(id));
        String triggerId = succeeded.getEnvelope().getEventId();
        // one notification per deployment and kind: the same thing said twice is notified once
        String notificationId = UUID.nameUUIDFromBytes(("in-app:" + id + ":succeeded").getBytes(StandardCharsets.UTF_8))
                .toString();

        try (TestEvents.Reader delivered = TestEvents.get().readFromNow(Topics.NOTIFICATION_EVENTS);
                TestEvents.Reader keys = TestEvents.get().readFromNow(Topics.NOTIFICATION_EVENTS)) {
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, ENV), succeeded);

            NotificationDelivered event = delivered.await(NotificationDelivered.class,
                    d -> d.getTriggerEventId().equals(triggerId), WAIT);
            assertEquals(id, event.getEnvelope().getCorrelationId());
            assertEquals(triggerId, event.getEnvelope().getCausationId());
            assertEquals("service:notification-service", event.getEnvelope().getActor());
            assertEquals(notificationId, event.getNotificationId());
            assertEquals("in-app", event.getChannel());
            assertEquals("feed:" + project, event.getTarget());
            assertEquals("DeploymentSucceeded", event.getTriggerEventType());
            assertEquals(id, event.getDeploymentId());
            assertEquals(1, event.getAttempts());

            ConsumerRecord<String, Object> record = keys.awaitRecord(r -> r.value() instanceof GenericRecord g
                    && triggerId.equals(String.valueOf(g.get("triggerEventId"))), WAIT);
            assertEquals(notificationId, record.key());
        }

        await().atMost(WAIT).untilAsserted(() -> given().queryParam("projectId", project).get("/api/notifications")
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].id", equalTo(notificationId))
                .body("[0].kind", equalTo("succeeded"))
                .body("[0].projectId", equalTo(project))
                .body("[0].environment", equalTo(ENV))
                .body("[0].deploymentId", equalTo(id))
                .body("[0].title", equalTo(project + " 1.4.2 is live on staging"))
                .body("[0].url", equalTo(url(id)))
                .body("[0].detail", equalTo(url(id)))
                .body("[0].occurredAt", equalTo(succeeded.getEnvelope().getOccurredAt().toString())));
    }

    @Test
    void aFailureIsInTheFeedWithItsReason() {
        String project = newProject();
        String id = UUID.randomUUID().toString();
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, ENV),
                failed(project, id, TestEvents.envelope(id), "build exited with 2: make: *** [site] Error 1"));

        await().atMost(WAIT).untilAsserted(() -> given().queryParam("projectId", project).get("/api/notifications")
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].kind", equalTo("failed"))
                .body("[0].deploymentId", equalTo(id))
                .body("[0].detail", equalTo("build exited with 2: make: *** [site] Error 1"))
                .body("[0].title", containsString("failed")));
    }

    @Test
    void theSameEventTwiceGivesOneNotification() {
        String project = newProject();
        String key = Topics.environmentKey(project, ENV);
        String id = UUID.randomUUID().toString();
        DeploymentFailed once = failed(project, id, TestEvents.envelope(id), "first");
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, once);
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, DeploymentFailed.newBuilder(once)
                .setReason("second").build());
        // same key, so same partition, handled in order: once this one is in the feed, both copies were handled
        String marker = UUID.randomUUID().toString();
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, succeeded(project, marker, TestEvents.envelope(marker)));

        await().atMost(WAIT).untilAsserted(() -> given().queryParam("projectId", project).get("/api/notifications")
                .then().statusCode(200)
                .body("deploymentId", hasItem(marker)));
        given().queryParam("projectId", project).get("/api/notifications")
                .then().statusCode(200)
                .body("size()", equalTo(2))
                .body("findAll { it.deploymentId == '" + id + "' }.size()", equalTo(1))
                .body("find { it.deploymentId == '" + id + "' }.detail", equalTo("first"));
    }

    @Test
    void aRequestWrittenTwiceIsStartedOnceAndADeploymentEndsOnceInTheFeed() {
        String project = newProject();
        String key = Topics.environmentKey(project, ENV);
        String id = UUID.randomUUID().toString();
        // two events for one request (a retry whose first write was not acknowledged): different event ids
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, requested(project, id, TestEvents.envelope(id)));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, requested(project, id, TestEvents.envelope(id)));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, succeeded(project, id, TestEvents.envelope(id)));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, failed(project, id, TestEvents.envelope(id), "late"));
        String marker = UUID.randomUUID().toString();
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, succeeded(project, marker, TestEvents.envelope(marker)));

        await().atMost(WAIT).untilAsserted(() -> given().queryParam("projectId", project).get("/api/notifications")
                .then().statusCode(200).body("deploymentId", hasItem(marker)));
        given().queryParam("projectId", project).get("/api/notifications").then().statusCode(200)
                .body("findAll { it.deploymentId == '" + id + "' }.kind", containsInAnyOrder("started", "succeeded"));
    }

    @Test
    void theFeedIsNewestFirstAndLimited() {
        String project = newProject();
        String key = Topics.environmentKey(project, ENV);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String oldest = UUID.randomUUID().toString();
        String newest = UUID.randomUUID().toString();
        String middle = UUID.randomUUID().toString();
        // published out of time order: the feed sorts by when it happened, not when it arrived
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, requested(project, oldest, at(oldest, now.minusSeconds(120))));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, succeeded(project, newest, at(newest, now)));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key,
                failed(project, middle, at(middle, now.minusSeconds(60)), "health check failed"));

        await().atMost(WAIT).untilAsserted(() -> given().queryParam("projectId", project).get("/api/notifications")
                .then().statusCode(200)
                .body("deploymentId", contains(newest, middle, oldest))
                .body("kind", contains("succeeded", "failed", "started"))
                .body("[2].title", equalTo(project + " 1.4.2 is being deployed to staging")));
        given().queryParam("projectId", project).queryParam("limit", 2).get("/api/notifications")
                .then().statusCode(200)
                .body("deploymentId", contains(newest, middle));
    }

    @Test
    void aBadQueryIsAProblemNamingTheField() {
        given().get("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("projectId"));
        given().queryParam("projectId", "Not_A_Project").get("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("projectId"))
                .body("errors.find { it.field == 'projectId' }.rule", containsString("must match"));
        for (String limit : new String[] {"0", "501", "many"}) {
            given().queryParam("projectId", "shop").queryParam("limit", limit).get("/api/notifications")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("limit"));
        }
        given().queryParam("limit", "0").get("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("projectId", "limit"));
    }

    @Test
    void healthAndOpenApiAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Shiplog notification-service"))
                .body("paths", hasKey("/api/notifications"));
    }

    // ---------------------------------------------------------------- events as other services write them

    static String newProject() {
        return "ntf-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String url(String deploymentId) {
        return "http://127.0.0.1:8090/d/" + deploymentId + "/";
    }

    static Envelope at(String correlationId, Instant occurredAt) {
        return Envelope.newBuilder(TestEvents.envelope(correlationId)).setOccurredAt(occurredAt).build();
    }

    static DeploymentRequested requested(String project, String id, Envelope envelope) {
        return DeploymentRequested.newBuilder().setEnvelope(envelope).setDeploymentId(id).setProjectId(project)
                .setEnvironment(ENV).setVersion("1.4.2")
                .setSource(Source.newBuilder().setGitUrl("file:///srv/git/" + project).setGitBranch("main").build())
                .setConfig(DeploymentConfig.newBuilder().setBuildCommand("make site").setOutputDirectory("dist")
                        .build())
                .build();
    }

    static DeploymentSucceeded succeeded(String project, String id, Envelope envelope) {
        return DeploymentSucceeded.newBuilder().setEnvelope(envelope).setDeploymentId(id).setProjectId(project)
                .setEnvironment(ENV).setVersion("1.4.2").setDeploymentUrl(url(id))
                .setEnvironmentUrl("http://127.0.0.1:8090/e/" + project + "/" + ENV + "/")
                .setDurationMillis(4200L).setArtifactId(dev.shiplog.testing.TestEvents.sha256(id)).build();
    }

    static DeploymentFailed failed(String project, String id, Envelope envelope, String reason) {
        return DeploymentFailed.newBuilder().setEnvelope(envelope).setDeploymentId(id).setProjectId(project)
                .setEnvironment(ENV).setStage(Stage.BUILD).setReason(reason).setDurationMillis(1500L).build();
    }
}
