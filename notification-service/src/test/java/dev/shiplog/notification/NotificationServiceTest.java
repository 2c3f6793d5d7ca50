package dev.shiplog.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.notification.NotificationDelivered;
import dev.shiplog.schema.notification.SubscriptionConfigured;
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
 * The feed's wiring, against the real broker, registry and database: deployment events another service put on the
 * log become entries of the project's feed (read back in order through the API), each announced as a real Avro
 * NotificationDelivered; what is said twice is notified once; a bad query is a problem; a poison record is
 * dead-lettered. What each event says, and when it is recorded, are the pure rules' (domain NotificationRulesTest).
 * Every {@code @QuarkusTest} of this module shares one Quarkus start (same test resource, no test profile).
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
    void theSameThingSaidTwiceIsNotifiedOnceAndADeploymentEndsOnce() {
        String project = newProject();
        String key = Topics.environmentKey(project, ENV);
        String id = UUID.randomUUID().toString();
        // the same event twice (a redelivery: same event id), a request written twice (different event ids), and two
        // ends of one deployment (a late one after the first)
        DeploymentRequested request = requested(project, id, TestEvents.envelope(id));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, request);
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, request);
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, requested(project, id, TestEvents.envelope(id)));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, succeeded(project, id, TestEvents.envelope(id)));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, failed(project, id, TestEvents.envelope(id), "late"));
        // same key, so same partition, handled in order: once this one is in the feed, all the above were handled
        String marker = UUID.randomUUID().toString();
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, succeeded(project, marker, TestEvents.envelope(marker)));

        await().atMost(WAIT).untilAsserted(() -> given().queryParam("projectId", project).get("/api/notifications")
                .then().statusCode(200).body("deploymentId", hasItem(marker)));
        given().queryParam("projectId", project).get("/api/notifications").then().statusCode(200)
                .body("size()", equalTo(3))
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
                .body("kind", contains("succeeded", "failed", "started")));
        given().queryParam("projectId", project).queryParam("limit", 2).get("/api/notifications")
                .then().statusCode(200)
                .body("deploymentId", contains(newest, middle));
    }

    @Test
    void aBadQueryIsAProblemNamingEveryField() {
        given().queryParam("projectId", "Not_A_Project").queryParam("limit", "many").get("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("projectId", "limit"))
                .body("errors.find { it.field == 'projectId' }.rule", containsString("must match"))
                .body("errors.find { it.field == 'limit' }.rule", equalTo("must be a whole number between 1 and 500"));
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheConsumerGoesOn() {
        String dlq = Topics.deadLetter(Topics.NOTIFICATION_EVENTS, "notification-service.subscriptions");
        String key = UUID.randomUUID().toString();
        try (TestEvents.RawReader deadLetters = TestEvents.get().readRawFromNow(dlq)) {
            TestEvents.get().publishRaw(Topics.NOTIFICATION_EVENTS, key, "not avro".getBytes(StandardCharsets.UTF_8));

            ConsumerRecord<String, byte[]> dead = deadLetters.awaitRecord(r -> key.equals(r.key()), WAIT);
            String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertFalse(reason.isBlank());
        }
        // the subscriptions' consumer goes on past it: the next event of the same partition (same key) is applied
        String project = newProject();
        TestEvents.get().publish(Topics.NOTIFICATION_EVENTS, key, SubscriptionConfigured.newBuilder()
                .setEnvelope(TestEvents.envelope(key)).setSubscriptionId(key).setProjectId(project)
                .setName("after the poison").setChannel("chat").setUrl("http://127.0.0.1:9/x").build());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/projects/" + project + "/subscriptions/" + key)
                .then().statusCode(200).body("name", equalTo("after the poison")));
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
