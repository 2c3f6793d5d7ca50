package dev.shiplog.pipeline;

import static dev.shiplog.pipeline.Pipelines.deploymentId;
import static dev.shiplog.pipeline.Pipelines.project;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.EnvironmentSnapshot;
import dev.shiplog.schema.common.RollbackOf;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.ArtifactCleanupRequested;
import dev.shiplog.schema.deployment.event.ArtifactDeleted;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentScheduled;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.RetentionPolicySet;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Releases on the real broker, registry and database: a rollback re-activates an earlier release as recorded (no
 * build), pins the environment and marks what it replaced; a release failing its health check while it bakes is
 * rolled back by the worker itself; a promotion activates the very artifact elsewhere; a scheduled deployment starts
 * on time; retention deletes what is not restorable and nothing that is.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class ReleasesTest {

    static final Duration WAIT = Pipelines.WAIT;
    static final Path RUNTIME = Path.of("target/pipeline/runtime");
    static final Path ARTIFACTS = Path.of("target/pipeline/artifacts");

    /** What a deployment that went live left on the log. */
    record Live(DeploymentRequested request, ReleaseActivated activated) {
        String id() {
            return request.getDeploymentId();
        }
    }

    /** A site whose content is the project's and the version's own (artifacts are shared by content). */
    static DeploymentConfig site(String project, String version) {
        return DeploymentConfig.newBuilder().setEnvironmentVariables(Map.of("V", version, "P", project))
                .setBuildCommand("mkdir -p dist && echo \"<h1>release $V of $P</h1>\" > dist/index.html && echo ok"
                        + " > dist/health")
                .setOutputDirectory("dist").setHealthCheckPath("/health").build();
    }

    static EnvironmentSnapshot snapshot(int bakeSeconds, Map<String, String> settings) {
        return EnvironmentSnapshot.newBuilder().setUrl("https://staging.example").setSettings(settings)
                .setBakeSeconds(bakeSeconds).build();
    }

    static DeploymentRequested.Builder request(String project, String environment, String version) {
        String id = UUID.randomUUID().toString();
        return DeploymentRequested.newBuilder().setEnvelope(TestEvents.envelope(id)).setDeploymentId(id)
                .setProjectId(project).setEnvironment(environment).setVersion(version)
                .setSource(Source.newBuilder().setGitUrl(Pipelines.site().url()).setGitBranch("main").build())
                .setConfig(site(project, version)).setSnapshot(snapshot(0, Map.of()));
    }

    static void publish(SpecificRecord event, String project, String environment) {
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, environment), event);
    }

    /** Deploys {@code request} and waits until it is live. */
    static Live live(TestEvents.Reader events, DeploymentRequested request) {
        publish(request, request.getProjectId(), request.getEnvironment());
        ReleaseActivated activated = events.await(ReleaseActivated.class,
                e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
        events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
        return new Live(request, activated);
    }

    /** The request a rollback to {@code target} is, as the API writes it. */
    static DeploymentRequested rollback(Live target, String replaced, String reason) {
        return request(target.request().getProjectId(), target.request().getEnvironment(),
                target.request().getVersion()).setConfig(target.request().getConfig())
                .setArtifactId(target.activated().getArtifactId())
                .setRollback(RollbackOf.newBuilder().setTargetDeploymentId(target.id())
                        .setReplacedDeploymentId(replaced).setReason(reason).build())
                .setSnapshot(target.request().getSnapshot()).build();
    }

    @Test
    void aRollbackReactivatesTheTargetAsRecordedWithoutBuildingPinsAndMarksWhatItReplaced() {
        String project = project();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            Live v1 = live(events, request(project, "staging", "1").setSnapshot(snapshot(0, Map.of("caching",
                    "disabled"))).build());
            Live v2 = live(events, request(project, "staging", "2").setSnapshot(snapshot(0, Map.of("caching",
                    "enabled"))).build());
            given().get(v2.activated().getEnvironmentUrl()).then().header("Cache-Control", containsString("max-age"));

            DeploymentRequested back = rollback(v1, v2.id(), "v2 is broken");
            publish(back, project, "staging");
            List<SpecificRecord> story = events.collect(e -> back.getDeploymentId().equals(deploymentId(e))
                    || e instanceof EnvironmentPinned p && p.getProjectId().equals(project)
                    || e instanceof DeploymentRolledBack r && r.getProjectId().equals(project),
                    e -> e instanceof DeploymentSucceeded s && s.getDeploymentId().equals(back.getDeploymentId())
                            || e instanceof DeploymentFailed f && f.getDeploymentId().equals(back.getDeploymentId()),
                    WAIT);
            assertEquals(List.of("DeploymentRequested", "EnvironmentPinned", "DeploymentQueued", "StageStarted",
                    "StageCompleted", "StageStarted", "HealthCheckCompleted", "StageCompleted", "DeploymentGoingLive",
                    "ReleaseActivated", "DeploymentRolledBack", "DeploymentSucceeded"),
                    story.stream().map(e -> e.getSchema().getName()).toList(), story::toString);
            assertEquals(List.of(Stage.DEPLOY, Stage.VERIFY), story.stream().filter(StageStarted.class::isInstance)
                    .map(e -> ((StageStarted) e).getStage()).toList(), "no checkout, no build, no upload");
            ReleaseActivated activated = (ReleaseActivated) story.get(9);
            assertEquals(v1.activated().getArtifactId(), activated.getArtifactId());
            assertEquals(v2.id(), activated.getPreviousDeploymentId());
            DeploymentRolledBack rolledBack = (DeploymentRolledBack) story.get(10);
            assertEquals(v2.id(), rolledBack.getDeploymentId());
            assertEquals(v1.id(), rolledBack.getRestoredDeploymentId());
            assertEquals(back.getDeploymentId(), rolledBack.getRollbackDeploymentId());
            assertEquals("v2 is broken", rolledBack.getReason());
            assertFalse(rolledBack.getAutomatic());
            // v1 is served again, with v1's snapshot (no caching), at the environment URL
            given().get(activated.getEnvironmentUrl()).then().statusCode(200).body(containsString("release 1"))
                    .header("Cache-Control", equalTo("no-cache"))
                    .header("X-Shiplog-Release", equalTo(back.getDeploymentId()));

            // pinned: the next deployment is cancelled with the pin's reason, until an unpin
            DeploymentRequested v3 = request(project, "staging", "3").build();
            publish(v3, project, "staging");
            DeploymentCancelled refused = events.await(DeploymentCancelled.class,
                    e -> e.getDeploymentId().equals(v3.getDeploymentId()), WAIT);
            assertTrue(refused.getReason().contains("pinned by rollback " + back.getDeploymentId()), refused::toString);
            publish(EnvironmentUnpinned.newBuilder().setEnvelope(TestEvents.envelope(project + "/staging"))
                    .setProjectId(project).setEnvironment("staging").setReason("fixed").build(), project, "staging");
            live(events, request(project, "staging", "4").build());
        }
    }

    @Test
    void aReleaseFailingItsHealthCheckWhileItBakesIsRolledBackByTheWorkerAndTheEnvironmentPinned() throws Exception {
        String project = project();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            Live v1 = live(events, request(project, "staging", "1").build());
            Live v2 = live(events, request(project, "staging", "2").setSnapshot(snapshot(60, Map.of())).build());
            // the live release breaks (its health page is gone), as a live application does
            Files.delete(RUNTIME.resolve("releases").resolve(v2.id()).resolve("health"));
            // (in the order the log has them: the rollback pins the environment, then goes live)
            EnvironmentPinned pinned = events.await(EnvironmentPinned.class, e -> e.getProjectId().equals(project),
                    WAIT);
            assertEquals("service:pipeline-worker", pinned.getEnvelope().getActor());
            DeploymentRolledBack rolledBack = events.await(DeploymentRolledBack.class,
                    e -> e.getDeploymentId().equals(v2.id()), WAIT);
            assertTrue(rolledBack.getAutomatic());
            assertEquals(v1.id(), rolledBack.getRestoredDeploymentId());
            assertEquals(pinned.getRollbackDeploymentId(), rolledBack.getRollbackDeploymentId());
            assertTrue(rolledBack.getReason().contains("health check") && rolledBack.getReason().contains("bake"),
                    rolledBack::toString);
            given().get(v1.activated().getEnvironmentUrl()).then().statusCode(200).body(containsString("release 1"));
        }
    }

    @Test
    void aPromotionActivatesTheVeryArtifactInAnotherEnvironmentWithoutBuilding() {
        String project = project();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            Live staged = live(events, request(project, "staging", "7").build());
            DeploymentRequested promotion = request(project, "production", "7").setConfig(staged.request().getConfig())
                    .setArtifactId(staged.activated().getArtifactId()).setPromotedFrom(staged.id())
                    .setSnapshot(snapshot(0, Map.of("caching", "enabled"))).build();
            publish(promotion, project, "production");
            List<SpecificRecord> story = events.collect(e -> promotion.getDeploymentId().equals(deploymentId(e)),
                    e -> e instanceof DeploymentSucceeded || e instanceof DeploymentFailed, WAIT);
            assertEquals(List.of(Stage.DEPLOY, Stage.VERIFY), story.stream().filter(StageStarted.class::isInstance)
                    .map(e -> ((StageStarted) e).getStage()).toList(), story::toString);
            ReleaseActivated activated = story.stream().filter(ReleaseActivated.class::isInstance)
                    .map(ReleaseActivated.class::cast).findFirst().orElseThrow();
            assertEquals(staged.activated().getArtifactId(), activated.getArtifactId(), "the same artifact");
            given().get(activated.getEnvironmentUrl()).then().statusCode(200).body(containsString("release 7"))
                    .header("Cache-Control", containsString("max-age")); // production's own settings
        }
    }

    @Test
    void aScheduledDeploymentWaitsAsideAndTakesItsPlaceWithinASecondOfItsTime() {
        String project = project();
        Instant at = Instant.now().plusMillis(1500);
        DeploymentRequested scheduled = request(project, "staging", "1").setNotBefore(at).build();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(scheduled, project, "staging");
            events.await(DeploymentScheduled.class, e -> e.getDeploymentId().equals(scheduled.getDeploymentId()),
                    WAIT);
            DeploymentQueued queued = events.await(DeploymentQueued.class,
                    e -> e.getDeploymentId().equals(scheduled.getDeploymentId()), WAIT);
            Duration late = Duration.between(at, queued.getEnvelope().getOccurredAt());
            assertTrue(!late.isNegative() && late.toMillis() < 1000, "took its place " + late + " after its time");
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(scheduled.getDeploymentId()),
                    WAIT);
        }
    }

    @Test
    void cleanupDeletesWhatIsNotRestorableAndKeepsEveryRestorableRelease() {
        String project = project();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(RetentionPolicySet.newBuilder().setEnvelope(TestEvents.envelope(project)).setProjectId(project)
                    .setKeepLast(2).build(), project, "staging");
            Live v1 = live(events, request(project, "staging", "1").build());
            Live v2 = live(events, request(project, "staging", "2").build());
            Live v3 = live(events, request(project, "staging", "3").build());
            Live v4 = live(events, request(project, "staging", "4").build());
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, project, ArtifactCleanupRequested.newBuilder()
                    .setEnvelope(TestEvents.envelope(project)).setProjectId(project).build());
            java.util.Set<String> gone = new java.util.HashSet<>(List.of(v1.activated().getArtifactId(),
                    v2.activated().getArtifactId()));
            while (!gone.isEmpty()) { // in whichever order the cleanup wrote them
                gone.remove(events.await(ArtifactDeleted.class, e -> e.getProjectId().equals(project)
                        && gone.contains(e.getArtifactId()), WAIT).getArtifactId());
            }
            await().atMost(WAIT).until(() -> !Files.exists(zip(v1)) && !Files.exists(zip(v2)));
            assertTrue(Files.exists(zip(v3)) && Files.exists(zip(v4)), "the live release and its rollback target");
            // a rollback to a release whose artifact is gone fails saying so
            DeploymentRequested back = rollback(v1, v4.id(), null);
            publish(back, project, "staging");
            DeploymentFailed failed = events.await(DeploymentFailed.class,
                    e -> e.getDeploymentId().equals(back.getDeploymentId()), WAIT);
            assertTrue(failed.getReason().contains("was cleaned up"), failed::toString);
            given().get(v4.activated().getEnvironmentUrl()).then().statusCode(200).body(containsString("release 4"));
        }
    }

    static Path zip(Live live) {
        return ARTIFACTS.resolve(live.activated().getArtifactId() + ".zip");
    }
}
