package dev.shiplog.pipeline;

import static dev.shiplog.pipeline.Pipelines.config;
import static dev.shiplog.pipeline.Pipelines.deploymentId;
import static dev.shiplog.pipeline.Pipelines.project;
import static dev.shiplog.pipeline.Pipelines.publish;
import static dev.shiplog.pipeline.Pipelines.requested;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.EnvironmentSnapshot;
import dev.shiplog.schema.common.SealedSecret;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.common.StageOutcome;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.HealthCheckCompleted;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.StageCompleted;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.schema.deployment.log.LogChunkAppended;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The pipeline on real Avro events through the real broker and registry, building from a real git repository. */
@QuarkusTest
@WithTestResource(InfraResource.class)
class PipelineTest {

    static final Duration WAIT = Pipelines.WAIT;

    @jakarta.inject.Inject
    dev.shiplog.kit.secrets.SecretBox secrets;

    @Test
    void aStaticSiteIsBuiltStoredVerifiedAndServedAtItsEnvironmentUrl() {
        String project = project();
        DeploymentRequested request = requested(project, config(
                "mkdir -p dist && sed \"s/VERSION/$APP_VERSION/\" site/index.html > dist/index.html"
                        + " && cp site/health dist/health && echo built-for-$APP_VERSION",
                "dist", "/health", Map.of("APP_VERSION", "1.2.3")));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS);
                TestEvents.Reader logs = TestEvents.get().readFromNow(Topics.DEPLOYMENT_LOGS)) {
            publish(request);
            String id = request.getDeploymentId();

            List<SpecificRecord> story = events.collect(e -> id.equals(deploymentId(e)),
                    e -> e instanceof DeploymentSucceeded || e instanceof DeploymentFailed, WAIT);
            assertEquals(List.of("DeploymentRequested", "DeploymentQueued", "StageStarted", "SourceResolved",
                    "StageCompleted", "StageStarted", "ArtifactStored", "StageCompleted", "StageStarted", "StageCompleted", "StageStarted", "HealthCheckCompleted",
                    "StageCompleted", "DeploymentGoingLive", "ReleaseActivated", "DeploymentSucceeded"),
                    story.stream().map(e -> e.getSchema().getName()).toList(), story::toString);
            assertEquals(0, ((DeploymentQueued) story.get(1)).getPosition());
            assertEquals(List.of(Stage.BUILD, Stage.UPLOAD, Stage.DEPLOY, Stage.VERIFY), story.stream()
                    .filter(StageCompleted.class::isInstance).map(e -> ((StageCompleted) e).getStage()).toList());
            assertTrue(story.stream().filter(StageCompleted.class::isInstance)
                    .allMatch(e -> ((StageCompleted) e).getOutcome() == StageOutcome.SUCCEEDED), story::toString);
            ReleaseActivated activated = (ReleaseActivated) story.get(story.size() - 2);
            DeploymentSucceeded succeeded = (DeploymentSucceeded) story.get(story.size() - 1);
            assertEquals(activated.getEnvironmentUrl(), succeeded.getEnvironmentUrl());
            assertTrue(succeeded.getDurationMillis() > 0);
            assertTrue(logs.await(LogChunkAppended.class,
                    c -> c.getDeploymentId().equals(id) && c.getText().contains("built-for-1.2.3"), WAIT)
                    .getStage() == Stage.BUILD);

            given().get(succeeded.getEnvironmentUrl()).then().statusCode(200).body(containsString("<h1>Shop 1.2.3</h1>"));
            given().get(succeeded.getDeploymentUrl()).then().statusCode(200).body(containsString("Shop 1.2.3"));
        }
    }

    @Test
    void theEnvironmentsVariablesAndSecretsReachTheBuildAndASecretIsMaskedInItsLog() {
        String project = project();
        String secret = "tok-" + UUID.randomUUID();
        String base64 = java.util.Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        // the environment's GREETING and TOKEN (sealed, as the snapshot holds it), and the request's own OWN
        DeploymentRequested request = DeploymentRequested.newBuilder(requested(project, config(
                "echo \"token=$TOKEN\"; printf %s \"$TOKEN\" | base64;"
                        + " [ \"$TOKEN\" = \"" + secret + "\" ] && echo secret-arrived;"
                        + " mkdir -p d && echo \"$GREETING/$OWN\" > d/index.html", "d", null, Map.of("OWN", "mine"))))
                .setSnapshot(EnvironmentSnapshot.newBuilder().setVariables(Map.of("GREETING", "hi"))
                        .setSecrets(List.of(secrets.seal("TOKEN", secret))).build())
                .build();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS);
                TestEvents.RawReader logs = TestEvents.get().readRawFromNow(Topics.DEPLOYMENT_LOGS.name())) {
            publish(request);
            DeploymentSucceeded done = events.await(DeploymentSucceeded.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            given().get(done.getEnvironmentUrl()).then().statusCode(200).body(containsString("hi/mine"));
            StringBuilder text = new StringBuilder();
            logs.awaitRecord(r -> {
                text.append(new String(r.value(), StandardCharsets.UTF_8));
                return text.toString().contains("secret-arrived\n"); // its output, not the command's echo
            }, WAIT);
            assertTrue(text.toString().contains("token=***"), text::toString);
            assertFalse(text.toString().contains(secret), text::toString);
            assertFalse(text.toString().contains(base64.replace("=", "")), text::toString);
        }
    }

    @Test
    void aSecretThatDoesNotOpenFailsTheBuildSayingWhy() {
        String project = project();
        DeploymentRequested request = DeploymentRequested.newBuilder(requested(project, config("true", ".", null,
                Map.of()))).setSnapshot(EnvironmentSnapshot.newBuilder().setSecrets(List.of(SealedSecret.newBuilder()
                        .setName("TOKEN").setKeyId("retired").setCiphertext("AAAA").build())).build()).build();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(request);
            DeploymentFailed failed = events.await(DeploymentFailed.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            assertTrue(failed.getReason().contains("TOKEN") && failed.getReason().contains("retired"),
                    failed.getReason());
        }
    }

    @Test
    void buildOutputStreamsWhileTheBuildRuns() {
        String project = project();
        DeploymentRequested request = requested(project,
                config("echo first-line; sleep 3; mkdir -p d && cp site/index.html d/", "d", null, Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS);
                TestEvents.Reader logs = TestEvents.get().readFromNow(Topics.DEPLOYMENT_LOGS)) {
            publish(request);
            logs.await(LogChunkAppended.class, c -> c.getDeploymentId().equals(request.getDeploymentId())
                    && c.getText().contains("first-line"), WAIT);
            long printedSeenAt = System.nanoTime();
            events.await(StageCompleted.class, e -> e.getDeploymentId().equals(request.getDeploymentId())
                    && e.getStage() == Stage.BUILD, WAIT);
            long buildEndSeenAt = System.nanoTime();
            // the line arrived while the 3 s sleep after it was still running, so within a second of being printed
            assertTrue(Duration.ofNanos(buildEndSeenAt - printedSeenAt).toMillis() > 2000,
                    "the first line arrived only " + Duration.ofNanos(buildEndSeenAt - printedSeenAt).toMillis()
                            + " ms before the build ended");
        }
    }

    @Test
    void duringASwitchEveryRequestSeesTheOldReleaseOrTheNewOneCompletely() throws Exception {
        String project = project();
        DeploymentConfig v1 = config("mkdir -p d && echo release-one > d/index.html", "d", null, Map.of());
        DeploymentConfig v2 = config("mkdir -p d && echo release-two > d/index.html", "d", null, Map.of());
        String url = "http://127.0.0.1:18082/sites/" + project + "/staging/";
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            DeploymentRequested first = requested(project, v1);
            publish(first);
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(first.getDeploymentId()), WAIT);

            java.util.concurrent.ConcurrentLinkedQueue<String> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    try {
                        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                        seen.add(response.statusCode() + " " + response.body().trim());
                    } catch (Exception e) {
                        seen.add("error " + e);
                    }
                }
            });
            reader.start();
            DeploymentRequested second = requested(project, v2);
            publish(second);
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(second.getDeploymentId()), WAIT);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(r -> r.equals("200 release-two")));
            done.set(true);
            reader.join();

            List<String> other = seen.stream().filter(r -> !r.equals("200 release-one") && !r.equals("200 release-two"))
                    .toList();
            assertTrue(other.isEmpty(), () -> other.size() + " of " + seen.size() + " requests saw neither: " + other);
            assertTrue(seen.size() > 20, "requests made during the switch: " + seen.size());
        }
    }

    @Test
    void theSameOutputIsTheSameArtifactAndVersionsCountPerProject() {
        String project = project();
        DeploymentConfig build = config("mkdir -p out && cp site/index.html out/", "out", null, Map.of());
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            DeploymentRequested first = requested(project, build);
            publish(first);
            ArtifactStored a = events.await(ArtifactStored.class, e -> e.getDeploymentId().equals(first.getDeploymentId()), WAIT);
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(first.getDeploymentId()), WAIT);
            DeploymentRequested second = requested(project, build);
            publish(second);
            ArtifactStored b = events.await(ArtifactStored.class, e -> e.getDeploymentId().equals(second.getDeploymentId()), WAIT);
            assertEquals(a.getArtifactId(), b.getArtifactId());
            assertEquals(64, a.getArtifactId().length());
            assertEquals(1, a.getArtifactVersion());
            assertEquals(1, b.getArtifactVersion());
        }
    }

    @Test
    void aSecondRequestWaitsItsTurnAndCancelKillsTheRunningBuild() throws Exception {
        String project = project();
        // a sleep no other process on the machine has: its disappearance is this build's
        String sleep = "sleep 60." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        DeploymentRequested slow = requested(project, config("echo started-slow-build; " + sleep, ".", null, Map.of()));
        DeploymentRequested next = requested(project, config("mkdir -p d && cp site/index.html d/", "d", null, Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS);
                TestEvents.Reader logs = TestEvents.get().readFromNow(Topics.DEPLOYMENT_LOGS)) {
            publish(slow);
            publish(next);
            DeploymentQueued waiting = events.await(DeploymentQueued.class,
                    e -> e.getDeploymentId().equals(next.getDeploymentId()), WAIT);
            assertEquals(1, waiting.getPosition());
            assertEquals(slow.getDeploymentId(), waiting.getBlockedBy());
            logs.await(LogChunkAppended.class, c -> c.getDeploymentId().equals(slow.getDeploymentId())
                    && c.getText().contains("started-slow-build"), WAIT);

            publish(CancellationRequested.newBuilder().setEnvelope(TestEvents.envelope(slow.getDeploymentId()))
                    .setDeploymentId(slow.getDeploymentId()).setProjectId(project).setEnvironment("staging")
                    .setReason("wrong branch").build());
            DeploymentCancelled cancelled = events.await(DeploymentCancelled.class,
                    e -> e.getDeploymentId().equals(slow.getDeploymentId()), Duration.ofSeconds(20));
            assertEquals(Stage.BUILD, cancelled.getStage());
            assertEquals("wrong branch", cancelled.getReason());
            // the run removes its workspace as it ends, just after it wrote the end
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(Path.of("target/pipeline/workspaces",
                    slow.getDeploymentId() + "-1")));

            events.await(StageStarted.class, e -> e.getDeploymentId().equals(next.getDeploymentId()), WAIT);
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(next.getDeploymentId()), WAIT);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.isAlive() && p.info().commandLine().orElse("").contains(sleep)));
    }

    @Test
    void anUploadedSourceArchiveIsBuiltLikeARepository() throws Exception {
        String project = project();
        byte[] archive = dev.shiplog.testing.TestArchives.tarGz(Path.of("target", "archives"),
                Map.of("web/index.html", "<h1>archived</h1>\n"));
        String archiveId = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(archive));
        Files.createDirectories(Path.of("target/sources"));
        Files.write(Path.of("target/sources", archiveId + ".tar.gz"), archive); // as the deployment-api stores it
        DeploymentRequested request = DeploymentRequested.newBuilder(requested(project, config("true", "web", null, Map.of())))
                .setSource(Source.newBuilder().setArchiveId(archiveId).build()).build();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(request);
            DeploymentSucceeded succeeded = events.await(DeploymentSucceeded.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            given().get(succeeded.getEnvironmentUrl()).then().statusCode(200).body(containsString("archived"));
        }
    }

    @Test
    void aFailingBuildFailsTheDeploymentWithTheTailOfItsLog() {
        String project = project();
        DeploymentRequested request = requested(project, config("echo compiling; echo boom-marker >&2; exit 3", ".", null, Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(request);
            DeploymentFailed failed = events.await(DeploymentFailed.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            assertEquals(Stage.BUILD, failed.getStage());
            assertTrue(failed.getReason().contains("exited with 3"), failed.getReason());
            assertTrue(failed.getReason().contains("boom-marker"), failed.getReason());
        }
    }

    @Test
    void aBuildOverItsTimeoutIsStoppedAndFails() {
        String project = project();
        DeploymentConfig config = DeploymentConfig.newBuilder(config("sleep 30", ".", null, Map.of()))
                .setTimeoutSeconds(2).build();
        DeploymentRequested request = requested(project, config);
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(request);
            DeploymentFailed failed = events.await(DeploymentFailed.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), Duration.ofSeconds(20));
            assertTrue(failed.getReason().contains("timed out after 2 s"), failed.getReason());
        }
    }

    @Test
    void aQueuedDeploymentCancelledNeverStarts() {
        String project = project();
        String sleep = "sleep 30." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        DeploymentRequested running = requested(project, config("echo holding; " + sleep, ".", null, Map.of()));
        DeploymentRequested queued = requested(project, config("mkdir -p d && cp site/index.html d/", "d", null, Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(running);
            publish(queued);
            events.await(DeploymentQueued.class, e -> e.getDeploymentId().equals(queued.getDeploymentId()), WAIT);
            publish(CancellationRequested.newBuilder().setEnvelope(TestEvents.envelope(queued.getDeploymentId()))
                    .setDeploymentId(queued.getDeploymentId()).setProjectId(project).setEnvironment("staging").build());
            DeploymentCancelled cancelled = events.await(DeploymentCancelled.class,
                    e -> e.getDeploymentId().equals(queued.getDeploymentId()), WAIT);
            assertNull(cancelled.getStage());
            publish(CancellationRequested.newBuilder().setEnvelope(TestEvents.envelope(running.getDeploymentId()))
                    .setDeploymentId(running.getDeploymentId()).setProjectId(project).setEnvironment("staging").build());
            events.await(DeploymentCancelled.class, e -> e.getDeploymentId().equals(running.getDeploymentId()), WAIT);
            // the environment is free and nothing else was started: the cancelled one never ran
            given().get("/api/queues/" + project + "/staging").then().statusCode(200).body("size()", equalTo(0));
            given().get("/sites/" + project + "/staging/").then().statusCode(404);
        }
    }

    @Test
    void aFailingHealthCheckNeverGoesLive() {
        String project = project();
        DeploymentRequested request = requested(project,
                config("mkdir -p dist && cp site/index.html dist/", "dist", "/no-such-health", Map.of()));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(request);
            HealthCheckCompleted check = events.await(HealthCheckCompleted.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            assertFalse(check.getHealthy());
            assertEquals(404, check.getStatusCode());
            DeploymentFailed failed = events.await(DeploymentFailed.class,
                    e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            assertEquals(Stage.VERIFY, failed.getStage());
        }
        given().get("/sites/" + project + "/staging/").then().statusCode(404);
    }

    @Test
    void theSameRequestDeliveredTwiceRunsOnce() {
        String project = project();
        DeploymentConfig site = config("mkdir -p d && cp site/index.html d/", "d", null, Map.of());
        DeploymentRequested request = requested(project, site);
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            publish(request);
            publish(request);
            DeploymentRequested next = requested(project, site);
            publish(next);
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(request.getDeploymentId()), WAIT);
            events.await(DeploymentSucceeded.class, e -> e.getDeploymentId().equals(next.getDeploymentId()), WAIT);
        }
        given().get("/api/queues/" + project + "/staging").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void healthAndOpenApiAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/queues/{projectId}/{environment}"));
    }

}
