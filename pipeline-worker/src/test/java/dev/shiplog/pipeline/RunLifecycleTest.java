package dev.shiplog.pipeline;

import static dev.shiplog.pipeline.Pipelines.WAIT;
import static dev.shiplog.pipeline.Pipelines.cancel;
import static dev.shiplog.pipeline.Pipelines.config;
import static dev.shiplog.pipeline.Pipelines.project;
import static dev.shiplog.pipeline.Pipelines.publish;
import static dev.shiplog.pipeline.Pipelines.requested;
import static dev.shiplog.pipeline.Pipelines.running;
import static dev.shiplog.pipeline.Pipelines.uniqueSleep;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.ReleaseEntity;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.schema.deployment.log.LogChunkAppended;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A run's life beyond the happy road: what a build leaves behind dies with it, a cancel is heard at once, two
 * deployments storing the same new artifact agree on its version, and a deployment whose worker is gone is run
 * again elsewhere, or ended as the log shows it.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class RunLifecycleTest {

    @Test
    void aBuildThatLeavesProcessesInTheBackgroundStillEndsAndTheyDieWithIt() {
        String project = project();
        String background = uniqueSleep(600);
        String detached = uniqueSleep(600);
        DeploymentRequested request = requested(project, config(background + " & (" + detached + " &) ;"
                + " mkdir -p d && cp site/index.html d/", "d", null, Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(request);
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !running(background) && !running(detached));
    }

    @Test
    void aCancelDuringVerifyStopsItAtOnceAndItNeverGoesLive() {
        String project = project();
        DeploymentRequested request = requested(project,
                config("mkdir -p d && cp site/index.html d/", "d", "/never-healthy", Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(request);
            events.await(StageStarted.class, e -> e.getDeploymentId().equals(request.getDeploymentId())
                    && e.getStage() == Stage.VERIFY, WAIT);
            long asked = System.nanoTime();
            publish(cancel(request, "not this one"));
            DeploymentCancelled cancelled = events.await(DeploymentCancelled.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            long tookMillis = (System.nanoTime() - asked) / 1_000_000;
            assertEquals(Stage.VERIFY, cancelled.getStage());
            assertEquals("not this one", cancelled.getReason());
            // the verify deadline is 5 s in tests: the cancel was heard long before it
            assertTrue(tookMillis < 3000, "cancelled after " + tookMillis + " ms");
        }
        io.restassured.RestAssured.given().get(Pipelines.WORKER + "/sites/" + project + "/staging/").then()
                .statusCode(404);
    }

    @Test
    void twoDeploymentsStoringTheSameNewArtifactAtOnceGetTheSameVersion() {
        String project = project();
        DeploymentConfig same = config("mkdir -p out && cp site/index.html out/", "out", null, Map.of());
        DeploymentRequested staging = requested(project, same);
        DeploymentRequested production = DeploymentRequested.newBuilder(requested(project, same))
                .setEnvironment("production").build();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(staging);
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, "production"),
                    production);
            java.util.Map<String, ArtifactStored> stored = new java.util.HashMap<>();
            events.awaitRecord(r -> {
                if (r.value() instanceof ArtifactStored e) {
                    stored.put(e.getDeploymentId(), e); // the two arrive in either order
                }
                return stored.containsKey(staging.getDeploymentId())
                        && stored.containsKey(production.getDeploymentId());
            }, WAIT);
            ArtifactStored a = stored.get(staging.getDeploymentId());
            ArtifactStored b = stored.get(production.getDeploymentId());
            assertEquals(a.getArtifactId(), b.getArtifactId());
            assertEquals(1, a.getArtifactVersion());
            assertEquals(1, b.getArtifactVersion());
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(production.getDeploymentId()),
                    WAIT);
        }
    }

    @Test
    void aDeploymentWhoseWorkerIsGoneRunsAgainElsewhereAndSucceeds() {
        String project = project();
        String marker = uniqueSleep(30);
        // the first attempt waits (its checkout has no go file); the second checks out the commit that has one
        DeploymentRequested request = requested(project, config("if [ ! -e site/go-" + project + " ]; then "
                + marker + "; fi; mkdir -p d && cp site/index.html d/", "d", null, Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS);
                TestEvents.Reader logs = TestEvents.get().readFromNow(Topics.DEPLOYMENT_LOGS)) {
            publish(request);
            await().atMost(WAIT).until(() -> running(marker));
            Pipelines.site().commit(Map.of("site/go-" + project, "go\n"), "go " + project);
            // its worker instance "dies": the lease now names an instance that never beats
            loseWorker(request.getDeploymentId(), false);
            DeploymentSucceeded succeeded = events.await(DeploymentSucceeded.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            assertTrue(succeeded.getEnvironmentUrl().endsWith("/sites/" + project + "/staging/"));
            logs.await(LogChunkAppended.class, c -> c.getDeploymentId().equals(request.getDeploymentId())
                    && c.getText().contains("attempt 2 of 3") && c.getSequence() >= 1_000_000_000L, WAIT);
        }
        // the first attempt, fenced off, stopped: its build is gone
        await().atMost(Duration.ofSeconds(10)).until(() -> !running(marker));
    }

    @Test
    void aDeploymentWhoseWorkerDiedAfterItWentLiveSucceedsWithoutRunningAgain() {
        String project = project();
        String marker = uniqueSleep(30);
        DeploymentRequested request = requested(project, config(marker, ".", null, Map.of()));
        String url = "http://127.0.0.1:18082/";
        String id = request.getDeploymentId();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(request);
            await().atMost(WAIT).until(() -> running(marker));
            // as its worker would have before dying: the activation on the log, the claim in the lane
            publish(ReleaseActivated.newBuilder().setEnvelope(TestEvents.envelope(id)).setDeploymentId(id)
                    .setProjectId(project).setEnvironment("staging").setArtifactId(TestEvents.sha256(id))
                    .setReleaseId(id).setDeploymentUrl(url + "deployments/" + id + "/")
                    .setEnvironmentUrl(url + "sites/" + project + "/staging/").build());
            await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> ReleaseEntity.findById(id) != null));
            loseWorker(id, true);
            DeploymentSucceeded succeeded = events.await(DeploymentSucceeded.class,
                    e -> e.getDeploymentId().equals(id), WAIT);
            assertEquals(url + "deployments/" + id + "/", succeeded.getDeploymentUrl());
        }
        await().atMost(WAIT).until(() -> "succeeded".equals(QuarkusTransaction.requiringNew()
                .call(() -> LaneEntryEntity.<LaneEntryEntity>findById(id).outcome)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> ReleaseEntity.<ReleaseEntity>findById(id)).withdrawn);
        await().atMost(Duration.ofSeconds(10)).until(() -> !running(marker)); // fenced off, never run again
    }

    @Test
    void whatAnEnvironmentServesFollowsTheLogAndAWithdrawnActivationGivesThePreviousReleaseBack() {
        String project = project();
        DeploymentRequested first = requested(project,
                config("mkdir -p d && echo one > d/index.html", "d", null, Map.of()));
        DeploymentRequested other = DeploymentRequested.newBuilder(requested(project(),
                config("mkdir -p d && echo two > d/index.html", "d", null, Map.of()))).build();
        String marker = uniqueSleep(30);
        DeploymentRequested second = requested(project, config(marker, ".", null, Map.of()));
        String id = second.getDeploymentId();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(first);
            DeploymentSucceeded one = events.await(DeploymentSucceeded.class,
                    e -> e.getDeploymentId().equals(first.getDeploymentId()), WAIT);
            publish(other);
            String two = events.await(DeploymentSucceeded.class,
                    e -> e.getDeploymentId().equals(other.getDeploymentId()), WAIT).getArtifactId();
            publish(second);
            await().atMost(WAIT).until(() -> running(marker));
            // the log says the second went live (with an artifact the store has): the environment follows it
            publish(ReleaseActivated.newBuilder().setEnvelope(TestEvents.envelope(id)).setDeploymentId(id)
                    .setProjectId(project).setEnvironment("staging").setArtifactId(two).setReleaseId(id)
                    .setDeploymentUrl("http://127.0.0.1:18082/deployments/" + id + "/")
                    .setEnvironmentUrl(one.getEnvironmentUrl()).build());
            await().atMost(WAIT).untilAsserted(() -> io.restassured.RestAssured.given().get(one.getEnvironmentUrl())
                    .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("two\n")));
            // then that its deployment failed after all: the activation is withdrawn, the first release is back
            publish(dev.shiplog.schema.deployment.event.DeploymentFailed.newBuilder()
                    .setEnvelope(TestEvents.envelope(id)).setDeploymentId(id).setProjectId(project)
                    .setEnvironment("staging").setStage(Stage.VERIFY).setReason("the switch failed")
                    .setDurationMillis(1).build());
            await().atMost(WAIT).untilAsserted(() -> io.restassured.RestAssured.given().get(one.getEnvironmentUrl())
                    .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("one\n")));
            assertTrue(QuarkusTransaction.requiringNew().call(() -> ReleaseEntity.<ReleaseEntity>findById(id).withdrawn));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !running(marker)); // its run ended with its failure
    }

    /** The deployment's lease now names an instance that never beats, as after a kill -9 of its worker. */
    static void loseWorker(String deploymentId, boolean wentLive) {
        QuarkusTransaction.requiringNew().run(() -> LaneEntryEntity.update(
                "owner = ?1, activating = ?2 where deploymentId = ?3", "gone-" + UUID.randomUUID(), wentLive,
                deploymentId));
    }
}
