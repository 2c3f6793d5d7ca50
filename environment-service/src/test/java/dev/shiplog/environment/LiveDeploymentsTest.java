package dev.shiplog.environment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.environment.ApplicationCrashed;
import dev.shiplog.schema.environment.ApplicationScaled;
import dev.shiplog.schema.environment.EnvironmentHealth;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * What is live in an environment, from the deployment events other services write on the real log (the rules
 * themselves are ReleasesTest's): the projection follows activations and withdrawals, applies each event once, and
 * the state folded from the journal ({@code asOf}) says the same as the projection.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class LiveDeploymentsTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void whatIsLiveFollowsActivationsAndWithdrawalsAndADuplicateIsAppliedOnce() {
        Deployments production = new Deployments(newProject(), "production");
        String path = path(production);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        // no PUT: the first deployment creates the environment; its version is its request's, live from activation
        production.publish(production.requested(first, "1.0.0"));
        production.publish(production.activated(first, Deployments.artifact("1.0.0")));
        await().atMost(WAIT).untilAsserted(() -> given().get(path).then().statusCode(200)
                .body("currentDeployment", org.hamcrest.Matchers.equalTo(first))
                .body("currentVersion", org.hamcrest.Matchers.equalTo("1.0.0"))
                .body("currentArtifact", org.hamcrest.Matchers.equalTo(Deployments.artifact("1.0.0")))
                .body("url", org.hamcrest.Matchers.nullValue()));
        Envelope firstSuccess = TestEvents.envelope(first);
        production.publish(production.succeeded(first, "1.0.0", firstSuccess));

        production.deployed(second, "2.0.0");
        awaitLive(path, second, "2.0.0");

        // the first success again, same envelope (same event id): applied, it would make 9.9.9 the first's version
        production.publish(production.succeeded(first, "9.9.9", firstSuccess));
        // the second fails after it went live: withdrawn, the first is live again
        production.publish(production.failed(second));
        JsonPath live = awaitLive(path, first, "1.0.0");
        assertEquals(Deployments.artifact("1.0.0"), live.getString("currentArtifact"));
        assertAsOfNowSaysTheSame(path);
    }

    @Test
    void aRollbackSwitchesBackAsADeploymentOfItsOwn() {
        Deployments production = new Deployments(newProject(), "production");
        String path = path(production);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String rollback = UUID.randomUUID().toString();
        production.deployed(first, "1.0.0");
        production.deployed(second, "2.0.0");
        awaitLive(path, second, "2.0.0");

        // as the worker writes a rollback today: the gateway's request (the target's version), the pin, the
        // rollback's own activation of the target's artifact, DeploymentRolledBack naming it, its success
        production.publish(production.requested(rollback, "1.0.0"));
        production.publish(production.pinned(rollback));
        production.publish(production.activated(rollback, Deployments.artifact("1.0.0")));
        production.publish(production.rolledBack(second, first, rollback));
        production.publish(production.succeeded(rollback, "1.0.0"));

        JsonPath live = awaitLive(path, rollback, "1.0.0");
        assertEquals(Deployments.artifact("1.0.0"), live.getString("currentArtifact"));
        assertEquals(rollback, live.getString("pin.rollbackDeploymentId"));
        assertAsOfNowSaysTheSame(path);
    }

    @Test
    void aRollbackOfTheOldShapeStillSwitchesBackToTheRestoredDeployment() {
        Deployments production = new Deployments(newProject(), "production");
        String path = path(production);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        production.deployed(first, "1.0.0");
        production.deployed(second, "2.0.0");
        awaitLive(path, second, "2.0.0");

        // written before rollbacks were deployments of their own: no rollbackDeploymentId, no activation
        production.publish(production.rolledBack(second, first, null));
        JsonPath live = awaitLive(path, first, "1.0.0");
        assertEquals(Deployments.artifact("1.0.0"), live.getString("currentArtifact"));

        // health from the other topic lands in the same row, with what is live kept
        String key = Topics.environmentKey(production.project, "production");
        TestEvents.get().publish(Topics.ENVIRONMENT_EVENTS, key, EnvironmentHealthChanged.newBuilder()
                .setEnvelope(TestEvents.envelope(key)).setProjectId(production.project).setEnvironment("production")
                .setStatus(EnvironmentHealth.DEGRADED).setReason("slow").setDeploymentId(first).build());
        await().atMost(WAIT).until(() -> "degraded".equals(given().get(path).then().extract().path("status")));
        assertEquals(first, given().get(path).then().extract().path("currentDeployment"));
        assertAsOfNowSaysTheSame(path);
    }

    @Test
    void theLiveApplicationsScalingAndCrashAreShownUntilTheNextReleaseGoesLive() {
        Deployments production = new Deployments(newProject(), "production");
        String path = path(production);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        production.deployed(first, "1.0.0");
        awaitLive(path, first, "1.0.0");
        assertNull(given().get(path).then().statusCode(200).extract().jsonPath().get("application"));

        // a count out of range is input to ignore: the consumer goes on with the next event
        String key = Topics.environmentKey(production.project, "production");
        publishEnvironmentEvent(key, ApplicationScaled.newBuilder().setEnvelope(TestEvents.envelope(key))
                .setProjectId(production.project).setEnvironment("production").setDeploymentId(first)
                .setInstances(5000).setPreviousInstances(1).setReason("too many").build());
        publishEnvironmentEvent(key, ApplicationScaled.newBuilder().setEnvelope(TestEvents.envelope(key))
                .setProjectId(production.project).setEnvironment("production").setDeploymentId(first)
                .setInstances(3).setPreviousInstances(1).setReason("busy").build());
        publishEnvironmentEvent(key, ApplicationCrashed.newBuilder().setEnvelope(TestEvents.envelope(key))
                .setProjectId(production.project).setEnvironment("production").setDeploymentId(first).setInstance(2)
                .setExitCode(137).setLastOutput("x".repeat(3000)).setRestartInSeconds(5).build());
        JsonPath shown = await().atMost(WAIT).ignoreExceptions().until(() -> given().get(path).then()
                .statusCode(200).extract().jsonPath(), j -> j.get("application.lastCrash") != null);
        assertEquals(first, shown.getString("application.deploymentId"));
        assertEquals(3, shown.getInt("application.instances"));
        assertEquals(1, shown.getInt("application.lastScaled.from"));
        assertEquals(3, shown.getInt("application.lastScaled.to"));
        assertEquals("busy", shown.getString("application.lastScaled.reason"));
        assertEquals(137, shown.getInt("application.lastCrash.exitCode"));
        assertEquals(2, shown.getInt("application.lastCrash.instance"));
        assertEquals(5, shown.getInt("application.lastCrash.restartInSeconds"));
        assertEquals("x".repeat(2000), shown.getString("application.lastCrash.lastOutput"));
        assertAsOfNowSaysTheSame(path);

        // the next release's counts are its own
        production.deployed(second, "2.0.0");
        awaitLive(path, second, "2.0.0");
        assertNull(given().get(path).then().statusCode(200).extract().jsonPath().get("application"));
        assertAsOfNowSaysTheSame(path);
    }

    private static void publishEnvironmentEvent(String key, SpecificRecord event) {
        TestEvents.get().publish(Topics.ENVIRONMENT_EVENTS, key, event);
    }

    private static JsonPath awaitLive(String path, String deploymentId, String version) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> given().get(path).then().statusCode(200)
                .extract().jsonPath(),
                j -> deploymentId.equals(j.getString("currentDeployment")) && version.equals(j.getString(
                        "currentVersion")));
    }

    /** The state folded from the journal at this instant is the projection's, field for field. */
    private static void assertAsOfNowSaysTheSame(String path) {
        Map<String, Object> now = given().get(path).then().statusCode(200).extract().jsonPath().getMap("");
        Map<String, Object> folded = given().get(path + "?asOf=" + Instant.now()).then().statusCode(200).extract()
                .jsonPath().getMap("");
        assertEquals(now, folded);
    }

    private static String path(Deployments deployments) {
        return "/api/projects/" + deployments.project + "/environments/" + deployments.environment;
    }

    private static String newProject() {
        return "live-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
