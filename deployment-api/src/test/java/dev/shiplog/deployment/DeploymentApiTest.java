package dev.shiplog.deployment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * deployment-api against the real broker, registry and database: a POST becomes a real Avro DeploymentRequested on
 * the log, and the history projection is built from what arrives on the log.
 */
@QuarkusTest
@WithTestResource(ApiInfra.class)
class DeploymentApiTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** Deployments need an existing environment: shop/staging is configured once, as the environment-service would. */
    @org.junit.jupiter.api.BeforeEach
    void shopStagingExists() {
        Support.environmentExists("shop", "staging");
    }
    static final String BODY = """
            {"projectId": "shop", "environment": "staging", "version": "1.4.2",
             "gitUrl": "file:///srv/git/shop", "gitBranch": "main",
             "config": {"buildCommand": "make site", "outputDirectory": "dist", "timeout": 120,
                        "environmentVariables": {"NODE_ENV": "production"}, "healthCheckPath": "/"}}
            """;

    /** The actor is whom the credential proves (ada, a deployer), never a name the caller writes in a header. */
    @Test
    void aPostIsOnTheLogAsAnAvroEventAndInTheHistory() {
        given().contentType(ContentType.JSON).body("{\"role\": \"deployer\"}").put("/api/projects/shop/members/ada")
                .then().statusCode(200);
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            String id = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestAuth.jwt("ada"))
                    .header("X-Shiplog-User", "mallory").body(BODY)
                    .when().post("/api/deployments")
                    .then().statusCode(202)
                    .header("Location", containsString("/api/deployments/"))
                    .body("status", equalTo("pending"))
                    .extract().path("id");

            DeploymentRequested requested = events.await(DeploymentRequested.class,
                    e -> e.getDeploymentId().equals(id), WAIT);
            assertEquals("shop", requested.getProjectId());
            assertEquals("ada", requested.getEnvelope().getActor());
            assertEquals("deployer", requested.getEnvelope().getActorRole());
            assertEquals(id, requested.getEnvelope().getCorrelationId());
            assertEquals(120, requested.getConfig().getTimeoutSeconds());

            await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id)
                    .then().statusCode(200)
                    .body("status", equalTo("pending"))
                    .body("version", equalTo("1.4.2"))
                    .body("gitBranch", equalTo("main"))
                    .body("initiatedBy", equalTo("ada"))
                    .body("config.outputDirectory", equalTo("dist"))
                    .body("config.environmentVariables.NODE_ENV", equalTo("production")));
        }
    }

    @Test
    void eventsFromOtherServicesMoveTheHistoryAndADuplicateIsAppliedOnce() {
        String id = given().contentType(ContentType.JSON).body(BODY).post("/api/deployments")
                .then().statusCode(202).extract().path("id");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id).then().statusCode(200));
        String key = Topics.environmentKey("shop", "staging");

        DeploymentQueued queued = DeploymentQueued.newBuilder().setEnvelope(TestEvents.envelope(id))
                .setDeploymentId(id).setProjectId("shop").setEnvironment("staging").setPosition(2).build();
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, queued);
        DeploymentQueued sameEventAgain = DeploymentQueued.newBuilder(queued).setPosition(7).build();
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, sameEventAgain);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id)
                .then().body("queuePosition", equalTo(2)));

        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, StageStarted.newBuilder()
                .setEnvelope(TestEvents.envelope(id)).setDeploymentId(id).setProjectId("shop")
                .setEnvironment("staging").setStage(Stage.BUILD).setWorker("test").build());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id)
                .then().body("status", equalTo("building"))
                .body("queuePosition", equalTo(null))
                .body("startedAt", notNullValue())
                .body("stages.stage", hasItems("build")));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheProjectionKeepsGoing() {
        String dlq = Topics.deadLetter(Topics.DEPLOYMENT_EVENTS, "deployment-api.history");
        try (TestEvents.RawReader deadLetters = TestEvents.get().readRawFromNow(dlq)) {
            TestEvents.get().publishRaw(Topics.DEPLOYMENT_EVENTS, "shop/staging",
                    "not avro".getBytes(StandardCharsets.UTF_8));

            ConsumerRecord<String, byte[]> dead = deadLetters.awaitRecord(r -> true, WAIT);
            assertEquals("shop/staging", dead.key());
            String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertFalse(reason.isBlank());
        }
        String id = given().contentType(ContentType.JSON).body(BODY).post("/api/deployments")
                .then().statusCode(202).extract().path("id");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id).then().statusCode(200));
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndTheRule() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"projectId": "shop", "environment": "staging", "gitUrl": "file:///x",
                         "config": {"timeout": -5, "outputDirectory": "../../etc"}}""")
                .post("/api/deployments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("version", "config.timeout", "config.outputDirectory"))
                .body("errors.find { it.field == 'config.timeout' }.rule", containsString("between 1 and"));

        given().contentType(ContentType.JSON).body("{\"projectId\": \"shop\", ")
                .post("/api/deployments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));

        given().contentType(ContentType.JSON).body("{\"projectId\": \"shop\", \"config\": {\"timeout\": \"soon\"}}")
                .post("/api/deployments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("config.timeout"));

        given().get("/api/deployments/no-such-id")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void healthAndOpenApiAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/deployments"));
    }
}
