package dev.shiplog.deployment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.command.PromoteDeployment;
import dev.shiplog.schema.deployment.command.RollbackEnvironment;
import dev.shiplog.schema.deployment.event.ArtifactCleanupRequested;
import dev.shiplog.schema.deployment.event.ArtifactDeleted;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.CommandRejected;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Releases at the gateway, against the real broker, registry and database, the pipeline's facts published as the
 * pipeline-worker writes them: rollbacks to a recorded release (refused with the reason when it cannot be restored),
 * the release history, pins and unpins, promotions, scheduled deployments, retention, and the same commands on Kafka.
 */
@QuarkusTest
@WithTestResource(ApiInfra.class)
class ReleasesApiTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    final String project = "rel-" + UUID.randomUUID().toString().substring(0, 8);
    long offset = 1;

    @Inject
    ProjectionPositions positions;

    /**
     * What a rollback reads first (RestoreCommands): the release line (one consumer group) waits until it has applied
     * what the deployment history (another) had, so a rollback asked the moment the previous one shows as succeeded
     * is decided on a line that has it. A lag on any shared partition is waited out; a line that never catches up
     * is read as it is once the bound passed.
     */
    @Test
    void aProjectionWaitsForAnotherOneToCatchUpOnEveryPartitionTheyShare() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "test.topic-" + id;
        String leader = "test.history-" + id;
        String follower = "test.releases-" + id;
        QuarkusTransaction.requiringNew().run(() -> {
            positions.advance(leader, new LogPosition(topic, 0, 10));
            positions.advance(leader, new LogPosition(topic, 1, 4));
            positions.advance(leader, new LogPosition("test.only-the-leader-reads-" + id, 0, 99));
            positions.advance(follower, new LogPosition(topic, 0, 3));
            positions.advance(follower, new LogPosition(topic, 1, 4));
        });
        assertFalse(positions.catchUp(follower, leader, Duration.ofMillis(300)), "partition 0 lags: 3 < 10");

        CompletableFuture<Boolean> caughtUp = CompletableFuture.supplyAsync(
                () -> positions.catchUp(follower, leader, WAIT));
        QuarkusTransaction.requiringNew().run(() -> positions.advance(follower, new LogPosition(topic, 0, 10)));
        assertTrue(caughtUp.get(WAIT.toSeconds(), TimeUnit.SECONDS), "caught up once partition 0 reached 10");
    }

    static void configure(String project, String environment, Map<String, String> settings) {
        TestEvents.get().publish(Topics.ENVIRONMENT_EVENTS, Topics.environmentKey(project, environment),
                EnvironmentConfigured.newBuilder().setEnvelope(TestEvents.envelope(project + "/" + environment))
                        .setProjectId(project).setEnvironment(environment).setUrl("https://" + environment + ".shop")
                        .setSettings(settings).setBakeSeconds(30).build());
    }

    static String sha(String seed) {
        return TestAuth.sha256(seed);
    }

    /** A deployment of {@code version} that the pipeline took live (its facts as the worker writes them). */
    String live(String environment, String version, String previous) {
        String id = requested(environment, version);
        String key = Topics.environmentKey(project, environment);
        String artifact = sha(project + environment + version);
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, ArtifactStored.newBuilder()
                .setEnvelope(TestEvents.envelope(id)).setDeploymentId(id).setProjectId(project)
                .setEnvironment(environment).setArtifactId(artifact).setArtifactUrl("file:///a/" + artifact + ".zip")
                .setSizeBytes(10).setArtifactVersion(1).build());
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, ReleaseActivated.newBuilder()
                .setEnvelope(TestEvents.envelope(id)).setDeploymentId(id).setProjectId(project)
                .setEnvironment(environment).setArtifactId(artifact).setReleaseId(id)
                .setEnvironmentUrl("http://127.0.0.1:8082/sites/" + project + "/" + environment + "/")
                .setDeploymentUrl("http://127.0.0.1:8082/deployments/" + id + "/").setPreviousDeploymentId(previous)
                .build());
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, DeploymentSucceeded.newBuilder()
                .setEnvelope(TestEvents.envelope(id)).setDeploymentId(id).setProjectId(project)
                .setEnvironment(environment).setVersion(version).setArtifactId(artifact)
                .setDeploymentUrl("http://127.0.0.1:8082/deployments/" + id + "/")
                .setEnvironmentUrl("http://127.0.0.1:8082/sites/" + project + "/" + environment + "/")
                .setDurationMillis(10).build());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/projects/" + project + "/environments/"
                + environment + "/releases").then().statusCode(200).body("releases[0].deploymentId", equalTo(id)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id).then()
                .body("status", equalTo("success")));
        return id;
    }

    String requested(String environment, String version) {
        String id = given().contentType(ContentType.JSON).body("{\"projectId\": \"" + project + "\", \"environment\":"
                + " \"" + environment + "\", \"version\": \"" + version + "\", \"gitUrl\": \"file:///srv/git/shop\","
                + " \"config\": {\"buildCommand\": \"make v" + version + "\", \"healthCheckPath\": \"/health\"}}")
                .post("/api/deployments").then().statusCode(202).extract().path("id");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id).then().statusCode(200));
        return id;
    }

    void environments() {
        configure(project, "staging", Map.of("caching", "disabled"));
        configure(project, "production", Map.of("caching", "enabled"));
        knows("staging", "disabled");
        knows("production", "enabled");
    }

    /**
     * Waits until the gateway deploys to {@code environment} with its settings saying {@code caching}: probe
     * deployments (each pending for ever, never live) until one runs with them.
     */
    void knows(String environment, String caching) {
        await().atMost(WAIT).until(() -> {
            var answer = given().contentType(ContentType.JSON).body("{\"projectId\": \"" + project
                    + "\", \"environment\": \"" + environment + "\", \"version\": \"probe\", \"gitUrl\":"
                    + " \"file:///srv/git/probe\"}").post("/api/deployments");
            if (answer.statusCode() != 202) {
                return false;
            }
            String id = answer.path("id");
            return await().atMost(WAIT).until(() -> given().get("/api/deployments/" + id).then().extract()
                    .jsonPath(), d -> d.getString("id") != null).getString("snapshot.settings.caching")
                    .equals(caching);
        });
    }

    @Test
    void aRollbackReturnsToTheReleaseBeforeWithItsArtifactAndConfigurationSnapshotAsRecorded() {
        environments();
        String v1 = live("staging", "1", null);
        configure(project, "staging", Map.of("caching", "enabled")); // the environment changes after v1
        knows("staging", "enabled");
        String v2 = live("staging", "2", v1);
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            String rollback = given().contentType(ContentType.JSON).body("{\"reason\": \"v2 breaks checkout\"}")
                    .post("/api/deployments/" + v2 + "/rollback").then().statusCode(202)
                    .body("status", equalTo("pending")).extract().path("id");
            DeploymentRequested asked = events.await(DeploymentRequested.class,
                    e -> e.getDeploymentId().equals(rollback), WAIT);
            assertEquals(v1, asked.getRollback().getTargetDeploymentId());
            assertEquals(v2, asked.getRollback().getReplacedDeploymentId());
            assertEquals("v2 breaks checkout", asked.getRollback().getReason());
            assertEquals(sha(project + "staging" + "1"), asked.getArtifactId());
            assertEquals("1", asked.getVersion());
            assertEquals("make v1", asked.getConfig().getBuildCommand());
            assertEquals(Map.of("caching", "disabled"), asked.getSnapshot().getSettings(), "v1's snapshot, not now's");
            assertEquals("admin", asked.getEnvelope().getActor());
        }
    }

    /** Each refusal is RollbacksTest's; here, that one is a problem naming the target, and retention is seen. */
    @Test
    void aRollbackThatCannotRestoreIsAProblemNamingTheTargetAndRetentionIsSeenInTheHistory() {
        environments();
        String first = live("staging", "1", null);
        given().contentType(ContentType.JSON).body("{}").post("/api/deployments/" + first + "/rollback").then()
                .statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("targetDeploymentId")).body("detail", containsString("before"));
        String second = live("staging", "2", first);
        String other = live("production", "9", null);
        given().post("/api/deployments/" + UUID.randomUUID() + "/rollback").then().statusCode(404);
        rollback(second, other).statusCode(422).body("errors[0].field", equalTo("targetDeploymentId"))
                .body("detail", containsString("stays in"));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, project, ArtifactDeleted.newBuilder()
                .setEnvelope(TestEvents.envelope(project)).setProjectId(project)
                .setArtifactId(sha(project + "staging" + "1")).setReason("retention").build());
        await().atMost(WAIT).untilAsserted(() -> rollback(second, first).statusCode(409)
                .body("detail", containsString("cleaned up")));
        given().get("/api/projects/" + project + "/environments/staging/releases").then().statusCode(200)
                .body("releases.find { it.deploymentId == '" + first + "' }.restorable", equalTo(false))
                .body("releases.find { it.deploymentId == '" + second + "' }.restorable", equalTo(true));
    }

    io.restassured.response.ValidatableResponse rollback(String from, String target) {
        return given().contentType(ContentType.JSON).body("{\"targetDeploymentId\": \"" + target + "\"}")
                .post("/api/deployments/" + from + "/rollback").then().contentType("application/problem+json");
    }

    @Test
    void theHistoryShowsHowEachReleaseEndedAndAPinnedEnvironmentRefusesDeploymentsUntilUnpinned() {
        environments();
        String v1 = live("staging", "1", null);
        String v2 = live("staging", "2", v1);
        String back = given().contentType(ContentType.JSON).body("{}").post("/api/deployments/" + v2 + "/rollback")
                .then().statusCode(202).extract().path("id");
        String key = Topics.environmentKey(project, "staging");
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, EnvironmentPinned.newBuilder()
                .setEnvelope(TestEvents.envelope(back)).setProjectId(project).setEnvironment("staging")
                .setRollbackDeploymentId(back).setReason("rolled back to " + v1).build());
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, ReleaseActivated.newBuilder()
                .setEnvelope(TestEvents.envelope(back)).setDeploymentId(back).setProjectId(project)
                .setEnvironment("staging").setArtifactId(sha(project + "staging" + "1")).setReleaseId(back)
                .setEnvironmentUrl("http://x/").setDeploymentUrl("http://x/d/").setPreviousDeploymentId(v2).build());
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, DeploymentRolledBack.newBuilder()
                .setEnvelope(TestEvents.envelope(back)).setDeploymentId(v2).setProjectId(project)
                .setEnvironment("staging").setRestoredDeploymentId(v1).setRollbackDeploymentId(back)
                .setReason("v2 is slow").build());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/projects/" + project
                + "/environments/staging/releases").then().statusCode(200)
                .body("releases.deploymentId", equalTo(List.of(back, v2, v1)))
                .body("releases[0].live", equalTo(true)).body("releases[0].ended", nullValue())
                .body("releases[0].kind", equalTo("rollback")).body("releases[0].version", equalTo("1"))
                .body("releases[1].ended", equalTo("rolled_back")).body("releases[1].endedReason", equalTo("v2 is slow"))
                .body("releases[1].endedBy", equalTo(back)).body("releases[2].ended", equalTo("replaced"))
                .body("releases[2].activatedBy", equalTo("admin")).body("pin.rollbackDeploymentId", equalTo(back)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + v2).then()
                .body("status", equalTo("rolled_back")));

        String deploy = "{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"3\","
                + " \"gitUrl\": \"file:///srv/git/shop\"}";
        given().contentType(ContentType.JSON).body(deploy).post("/api/deployments").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("pinned"));
        given().contentType(ContentType.JSON).body("{}").post("/api/projects/" + project
                + "/environments/staging/unpin").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().contentType(ContentType.JSON).body("{\"reason\": \"fixed forward\"}").post("/api/projects/" + project
                + "/environments/staging/unpin").then().statusCode(202);
        given().contentType(ContentType.JSON).body(deploy).post("/api/deployments").then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"reason\": \"again\"}").post("/api/projects/" + project
                + "/environments/staging/unpin").then().statusCode(409);
    }

    @Test
    void aReleaseWhoseDeploymentFailedAfterItsActivationIsWithdrawnAndTheOneBeforeIsLiveAgain() {
        environments();
        String v1 = live("staging", "1", null);
        String v2 = requested("staging", "2");
        String key = Topics.environmentKey(project, "staging");
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, ReleaseActivated.newBuilder()
                .setEnvelope(TestEvents.envelope(v2)).setDeploymentId(v2).setProjectId(project)
                .setEnvironment("staging").setArtifactId(sha(project + "staging" + "2")).setReleaseId(v2)
                .setEnvironmentUrl("http://x/").setDeploymentUrl("http://x/d/").setPreviousDeploymentId(v1).build());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/projects/" + project
                + "/environments/staging/releases").then().body("releases.deploymentId", equalTo(List.of(v2, v1)))
                .body("releases[1].ended", equalTo("replaced")));
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, DeploymentFailed.newBuilder()
                .setEnvelope(TestEvents.envelope(v2)).setDeploymentId(v2).setProjectId(project)
                .setEnvironment("staging").setStage(Stage.VERIFY).setReason("verify failed").setDurationMillis(1)
                .build());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/projects/" + project
                + "/environments/staging/releases").then().body("releases.deploymentId", equalTo(List.of(v1)))
                .body("total", equalTo(1)).body("releases[0].live", equalTo(true))
                .body("releases[0].ended", nullValue()));
    }

    @Test
    void aPromotionDeploysTheSourcesArtifactWithTheTargetEnvironmentsConfiguration() {
        environments();
        String staged = live("staging", "5", null);
        given().contentType(ContentType.JSON).body("{\"environment\": \"staging\"}")
                .post("/api/deployments/" + staged + "/promote").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("environment"));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            String promotion = given().contentType(ContentType.JSON).body("{\"environment\": \"production\"}")
                    .post("/api/deployments/" + staged + "/promote").then().statusCode(202).extract().path("id");
            DeploymentRequested asked = events.await(DeploymentRequested.class,
                    e -> e.getDeploymentId().equals(promotion), WAIT);
            assertEquals("production", asked.getEnvironment());
            assertEquals(staged, asked.getPromotedFrom());
            assertEquals(sha(project + "staging" + "5"), asked.getArtifactId(), "the very artifact");
            assertEquals("5", asked.getVersion());
            assertEquals(Map.of("caching", "enabled"), asked.getSnapshot().getSettings(), "production's settings");
            assertEquals("https://production.shop", asked.getSnapshot().getUrl());
            await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + promotion).then()
                    .body("kind", equalTo("promotion")).body("restores", equalTo(staged))
                    .body("artifactId", equalTo(sha(project + "staging" + "5"))));
        }
    }

    @Test
    void aScheduledDeploymentIsListedAsScheduledAndCanBeCancelled() {
        environments();
        String body = "{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"8\","
                + " \"gitUrl\": \"file:///srv/git/shop\", \"scheduledAt\": \"%s\"}";
        given().contentType(ContentType.JSON).body(body.formatted("tomorrow")).post("/api/deployments").then()
                .statusCode(400).contentType("application/problem+json");
        Instant at = Instant.now().plusSeconds(3600);
        String id = given().contentType(ContentType.JSON).body(body.formatted(at)).post("/api/deployments").then()
                .statusCode(202).body("status", equalTo("scheduled")).extract().path("id");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/projects/" + project
                + "/deployments?status=scheduled").then().statusCode(200).body("items.id", hasItem(id))
                .body("items[0].pendingReason", containsString("scheduled for")));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            given().post("/api/deployments/" + id + "/cancel?reason=not%20now").then().statusCode(202);
            events.await(CancellationRequested.class, e -> e.getDeploymentId().equals(id), WAIT);
        }
    }

    @Test
    void rollbacksAndPromotionsOnKafkaFollowTheSameRulesAndABadCredentialIsRejected() {
        environments();
        String v1 = live("staging", "1", null);
        String v2 = live("staging", "2", v1);
        String admin = TestAuth.jwt("ops-bot", List.of(TestAuth.ADMIN_GROUP), Duration.ofMinutes(5));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            RollbackEnvironment rollback = RollbackEnvironment.newBuilder()
                    .setEnvelope(TestEvents.envelope(project + "/staging")).setProjectId(project)
                    .setEnvironment("staging").setReason("from the on-call bot").setCredential(admin).build();
            TestEvents.get().publish(Topics.DEPLOYMENT_COMMANDS, Topics.environmentKey(project, "staging"), rollback);
            DeploymentRequested back = events.await(DeploymentRequested.class, e -> e.getRollback() != null
                    && e.getProjectId().equals(project), WAIT);
            assertEquals(v1, back.getRollback().getTargetDeploymentId());
            assertEquals(v2, back.getRollback().getReplacedDeploymentId());
            assertEquals("ops-bot", back.getEnvelope().getActor());

            PromoteDeployment promote = PromoteDeployment.newBuilder().setEnvelope(TestEvents.envelope(v2))
                    .setDeploymentId(v2).setTargetEnvironment("production").setCredential(admin).build();
            TestEvents.get().publish(Topics.DEPLOYMENT_COMMANDS, Topics.environmentKey(project, "production"), promote);
            DeploymentRequested promoted = events.await(DeploymentRequested.class,
                    e -> v2.equals(e.getPromotedFrom()), WAIT);
            assertEquals("production", promoted.getEnvironment());

            PromoteDeployment forged = PromoteDeployment.newBuilder().setEnvelope(TestEvents.envelope(v2))
                    .setDeploymentId(v2).setTargetEnvironment("production").setCredential("shp_forged").build();
            TestEvents.get().publish(Topics.DEPLOYMENT_COMMANDS, Topics.environmentKey(project, "production"), forged);
            CommandRejected rejected = events.await(CommandRejected.class,
                    e -> e.getCommandId().equals(forged.getEnvelope().getEventId()), WAIT);
            assertEquals("credential", rejected.getField());
        }
    }

    @Test
    void aProjectsRetentionIsSetValidatedAndACleanupAskedFor() {
        environments();
        given().get("/api/projects/" + project + "/retention").then().statusCode(200).body("keepLast", equalTo(10))
                .body("isDefault", equalTo(true));
        given().contentType(ContentType.JSON).body("{\"keepLast\": 0}").put("/api/projects/" + project + "/retention")
                .then().statusCode(400).body("errors[0].field", equalTo("keepLast"));
        given().contentType(ContentType.JSON).body("{\"keepLast\": 3, \"keepDays\": 7}")
                .put("/api/projects/" + project + "/retention").then().statusCode(202).body("keepLast", equalTo(3))
                .body("keepDays", equalTo(7)).body("isDefault", equalTo(false)).body("setBy", equalTo("admin"));
        given().contentType(ContentType.JSON).body("{\"keepLast\": 3}").put("/api/projects/nobody-" + project
                + "/retention").then().statusCode(404);
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            given().post("/api/projects/" + project + "/artifacts/cleanup").then().statusCode(202);
            ArtifactCleanupRequested asked = events.await(ArtifactCleanupRequested.class,
                    e -> e.getProjectId().equals(project), WAIT);
            assertFalse(asked.getEnvelope().getActor().isBlank());
        }
    }
}
