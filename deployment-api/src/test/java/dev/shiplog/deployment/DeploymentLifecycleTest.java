package dev.shiplog.deployment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.SealedSecret;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.common.StageOutcome;
import dev.shiplog.schema.deployment.command.RequestDeployment;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.CommandRejected;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.StageCompleted;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.schema.deployment.log.LogChunkAppended;
import dev.shiplog.schema.deployment.log.LogStream;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import dev.shiplog.schema.environment.ProjectConfigured;
import dev.shiplog.schema.environment.VariableChange;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The deployment API beyond the request: retries, listing, cancel, logs, live stream, Kafka commands, replay. */
@QuarkusTest
@WithTestResource(ApiInfra.class)
class DeploymentLifecycleTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @Test
    void theStatusUrlOfAnAcceptedDeploymentAnswersAtOnce() {
        String project = project();
        Support.environmentExists(project, "staging");
        for (int i = 0; i < 5; i++) {
            var accepted = given().contentType(ContentType.JSON).body(body(project, "staging")).post("/api/deployments")
                    .then().statusCode(202)
                    .header("Shiplog-Log-Position", containsString(Topics.DEPLOYMENT_EVENTS.name() + "/"))
                    .extract();
            String statusUrl = accepted.path("statusUrl");
            assertTrue(statusUrl.contains("?seen=" + Topics.DEPLOYMENT_EVENTS.name() + "/"), statusUrl);
            assertEquals(statusUrl, accepted.header("Location").replaceFirst("^https?://[^/]+", ""));
            // no wait: the answer came once the history showed the deployment
            given().get(statusUrl).then().statusCode(200).body("status", equalTo("pending"));
            given().get("/api/deployments/" + accepted.path("id")).then().statusCode(200);
        }
        given().get("/api/deployments/" + post(project) + "?seen=nope").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("seen"));
        given().get("/api/deployments/" + post(project) + "?seen=other.topic/0/1").then().statusCode(400);
    }

    @Test
    void aDeploymentTakesItsProjectsRepositoryAndBuildDefaultsAndItsEnvironmentsVariables() {
        String project = project();
        String key = Topics.environmentKey(project, "staging");
        TestEvents.get().publish(Topics.ENVIRONMENT_EVENTS, project, ProjectConfigured.newBuilder()
                .setEnvelope(TestEvents.envelope(project)).setProjectId(project).setName("Shop")
                .setRepositoryUrl("https://github.com/acme/" + project + ".git").setDefaultBranch("trunk")
                .setAllowOtherSources(true) // the probe of Support.environmentExists builds another source
                .setBuildDefaults(DeploymentConfig.newBuilder().setBuildCommand("npm run build")
                        .setOutputDirectory("dist").setEnvironmentVariables(Map.of("A", "from-project")).build())
                .build());
        Support.environmentExists(project, "staging");
        SealedSecret sealed = SealedSecret.newBuilder().setName("TOKEN").setKeyId("t1").setCiphertext("c2VhbGVk")
                .build();
        TestEvents.get().publish(Topics.ENVIRONMENT_EVENTS, key, EnvironmentVariablesChanged.newBuilder()
                .setEnvelope(TestEvents.envelope(key)).setProjectId(project).setEnvironment("staging")
                .setChanges(List.of(VariableChange.newBuilder().setName("GREETING").setValue("hi").setSecret(false)
                        .setRemoved(false).build(), VariableChange.newBuilder().setName("TOKEN").setSecret(true)
                        .setRemoved(false).setSealed(sealed).build())).build());
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            // the variables were published just now, nothing awaited them: deploy until the catalog has them (a
            // deployment before that rightly ran without them)
            String id = await().atMost(WAIT).until(() -> {
                String posted = given().contentType(ContentType.JSON)
                        .body("{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"1\","
                                + " \"config\": {\"environmentVariables\": {\"B\": \"mine\"}}}")
                        .post("/api/deployments").then().statusCode(202).extract().path("id");
                return given().get("/api/deployments/" + posted).then().statusCode(200).extract()
                        .path("snapshot.variables.GREETING") != null ? posted : null;
            }, i -> i != null);
            DeploymentRequested requested = events.await(DeploymentRequested.class,
                    e -> e.getDeploymentId().equals(id), WAIT);
            assertEquals("https://github.com/acme/" + project + ".git", requested.getSource().getGitUrl());
            assertEquals("trunk", requested.getSource().getGitBranch());
            assertEquals("npm run build", requested.getConfig().getBuildCommand());
            assertEquals(Map.of("A", "from-project", "B", "mine"), requested.getConfig().getEnvironmentVariables());
            assertEquals(Map.of("GREETING", "hi"), requested.getSnapshot().getVariables());
            assertEquals(List.of(sealed), requested.getSnapshot().getSecrets());
            // the API shows a secret of the snapshot by name only
            given().get("/api/deployments/" + id).then().statusCode(200)
                    .body("snapshot.variables.GREETING", equalTo("hi"))
                    .body("snapshot.secrets[0].name", equalTo("TOKEN"))
                    .body("snapshot.secrets[0].ciphertext", nullValue());
        }
    }

    @Test
    void aProjectsDeploymentsAreListedNewestFirstAndFiltered() {
        String project = project();
        Support.environmentExists(project, "staging");
        String older = post(project);
        String newer = post(project);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + newer).then().statusCode(200));
        succeed(project, older);
        await().atMost(WAIT).untilAsserted(() -> given()
                .get("/api/projects/" + project + "/deployments?environment=staging&status=success")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(older)));
        given().get("/api/projects/" + project + "/deployments?size=2").then().statusCode(200)
                .body("items[0].id", equalTo(newer)).body("items[1].id", equalTo(older));
        given().get("/api/projects/" + project + "/deployments?status=done").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
    }

    @Test
    void cancelPutsARequestOnTheLogAndAFinishedDeploymentCannotBeCancelled() {
        String project = project();
        Support.environmentExists(project, "staging");
        String id = post(project);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id).then().statusCode(200));
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            given().post("/api/deployments/" + id + "/cancel?reason=typo").then().statusCode(202);
            CancellationRequested asked = events.await(CancellationRequested.class,
                    e -> e.getDeploymentId().equals(id), WAIT);
            assertEquals("typo", asked.getReason());
        }
        succeed(project, id);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id)
                .then().body("status", equalTo("success")));
        given().post("/api/deployments/" + id + "/cancel").then().statusCode(409)
                .contentType("application/problem+json");
        given().post("/api/deployments/no-such/cancel").then().statusCode(404);
    }

    @Test
    void logsAreServedInOrderAndPagedAndTheLiveStreamEndsWithTheDeployment() throws Exception {
        String project = project();
        Support.environmentExists(project, "staging");
        String id = post(project);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id).then().statusCode(200));

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> stream = client.send(HttpRequest.newBuilder(
                base.toURI().resolve("api/deployments/" + id + "/stream"))
                .header("Authorization", "Bearer " + dev.shiplog.testing.TestAuth.admin()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());

        String key = Topics.environmentKey(project, "staging");
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, StageStarted.newBuilder()
                .setEnvelope(TestEvents.envelope(id)).setDeploymentId(id).setProjectId(project)
                .setEnvironment("staging").setStage(Stage.BUILD).build());
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body()))) {
            // the stream shows the build running (it stays so until the success below)...
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                if (line.contains("\"status\":\"building\"")) {
                    break;
                }
            }
            for (int i = 0; i < 3; i++) {
                TestEvents.get().publish(Topics.DEPLOYMENT_LOGS, id, LogChunkAppended.newBuilder()
                        .setEnvelope(TestEvents.envelope(id)).setDeploymentId(id).setStage(Stage.BUILD).setSequence(i)
                        .setStream(LogStream.STDOUT).setText("line " + i + "\n").build());
            }
            succeed(project, id);
            // ... then its log and its success, and ends by itself once the deployment is over and its log drained
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        String all = String.join("\n", lines);
        assertTrue(all.contains("\"status\":\"building\""), all);
        assertTrue(all.contains("line 2"), all);
        assertTrue(all.contains("\"status\":\"success\""), all);

        given().get("/api/deployments/" + id + "/logs").then().statusCode(200)
                .body("chunks.text", equalTo(List.of("line 0\n", "line 1\n", "line 2\n"))).body("next", equalTo(2));
        given().get("/api/deployments/" + id + "/logs?after=1").then().statusCode(200)
                .body("chunks.sequence", equalTo(List.of(2)));
    }

    @Test
    void aRequestDeploymentCommandFromKafkaIsDeployedAndABadOneIsRejectedOnTheLog() {
        String project = project();
        Support.environmentExists(project, "staging");
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            String commandId = UUID.randomUUID().toString();
            TestEvents.get().publish(Topics.DEPLOYMENT_COMMANDS, Topics.environmentKey(project, "staging"),
                    command(commandId, project, "staging", "3.1.0"));
            DeploymentRequested requested = events.await(DeploymentRequested.class,
                    e -> e.getProjectId().equals(project) && e.getVersion().equals("3.1.0"), WAIT);
            assertEquals("billing-service", requested.getEnvelope().getActor());
            await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + requested.getDeploymentId())
                    .then().statusCode(200).body("version", equalTo("3.1.0")));

            String badId = UUID.randomUUID().toString();
            TestEvents.get().publish(Topics.DEPLOYMENT_COMMANDS, Topics.environmentKey(project, "nowhere"),
                    command(badId, project, "nowhere", "3.1.1"));
            CommandRejected rejected = events.await(CommandRejected.class, e -> e.getCommandId().equals(badId), WAIT);
            assertEquals("environment", rejected.getField());
            assertEquals("RequestDeployment", rejected.getCommandType());
        }
    }

    @Test
    void theHistoryRebuiltFromOffsetZeroBesideTheLiveOneIsIdenticalAndServesAfterTheSwitch() {
        String project = project();
        Support.environmentExists(project, "staging");
        String id = post(project);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id).then().statusCode(200));
        String key = Topics.environmentKey(project, "staging");
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, StageStarted.newBuilder()
                .setEnvelope(TestEvents.envelope(id)).setDeploymentId(id).setProjectId(project)
                .setEnvironment("staging").setStage(Stage.BUILD).build());
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, StageCompleted.newBuilder()
                .setEnvelope(TestEvents.envelope(id)).setDeploymentId(id).setProjectId(project)
                .setEnvironment("staging").setStage(Stage.BUILD).setOutcome(StageOutcome.SUCCEEDED)
                .setDurationMillis(5).build());
        succeed(project, id);
        // two releases that went live and were withdrawn, the later first: the releases projection must end the same
        // whether its events are applied one by one (live) or many in one transaction (the rebuild)
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        for (String live : List.of(first, second)) {
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, ReleaseActivated.newBuilder()
                    .setEnvelope(TestEvents.envelope(live)).setDeploymentId(live).setProjectId(project)
                    .setEnvironment("staging").setArtifactId(TestAuth.sha256(live)).setReleaseId(live)
                    .setEnvironmentUrl("http://x/").setDeploymentUrl("http://x/d/").build());
        }
        for (String failed : List.of(second, first)) {
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, HostileRequestsTest.failed(project, failed,
                    "withdrawn"));
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/projects/" + project + "/deployments")
                .then().body("items.status", hasItem("success")).body("total", equalTo(4)));
        String before = given().get("/api/projects/" + project + "/deployments").asString();

        // a real rebuild: every topic the projection reads, from offset zero, into tables beside the live ones
        given().post("/admin/rebuild?switch=false").then().statusCode(200)
                .body("identical", equalTo(true)).body("switched", equalTo(false))
                .body("differences.deployment.onlyLive", equalTo(0));
        given().post("/admin/rebuild").then().statusCode(200).body("identical", equalTo(true))
                .body("switched", equalTo(true));
        assertEquals(before, given().get("/api/projects/" + project + "/deployments").asString());

        // the rebuilt projection is the live one now: it goes on following the log
        String after = post(project);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + after).then().statusCode(200));
    }

    @Test
    void anUploadedSourceArchiveCanBeDeployedAndBadUploadsAreRefused() {
        String project = project();
        Support.environmentExists(project, "staging");
        byte[] archive = dev.shiplog.testing.TestArchives.tarGz(java.nio.file.Path.of("target", "archives"),
                Map.of("index.html", "<h1>from an archive</h1>"));
        String archiveId = given().contentType("application/gzip").queryParam("projectId", project).body(archive)
                .post("/api/sources").then().statusCode(201).extract().path("archiveId");
        assertEquals(64, archiveId.length());
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            String id = given().contentType(ContentType.JSON)
                    .body("{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"4.0.0\","
                            + " \"archiveId\": \"" + archiveId + "\"}")
                    .post("/api/deployments").then().statusCode(202).extract().path("id");
            assertEquals(archiveId, events.await(DeploymentRequested.class, e -> e.getDeploymentId().equals(id), WAIT)
                    .getSource().getArchiveId());
        }
        given().contentType(ContentType.JSON)
                .body("{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"4.0.1\","
                        + " \"archiveId\": \"" + "0".repeat(64) + "\"}")
                .post("/api/deployments").then().statusCode(400).body("errors[0].field", equalTo("archiveId"));
        // the archive is this project's: another project's deployment of it is refused like an unknown id
        String other = project();
        Support.environmentExists(other, "staging");
        given().contentType(ContentType.JSON)
                .body("{\"projectId\": \"" + other + "\", \"environment\": \"staging\", \"version\": \"1\","
                        + " \"archiveId\": \"" + archiveId + "\"}")
                .post("/api/deployments").then().statusCode(400).body("errors[0].field", equalTo("archiveId"));
        given().contentType("application/gzip").queryParam("projectId", project).body("not gzip".getBytes())
                .post("/api/sources").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        given().contentType("application/gzip").body(archive).post("/api/sources").then().statusCode(400)
                .body("errors[0].field", equalTo("projectId"));
    }

    @Inject
    dev.shiplog.deployment.service.SourceArchives sources;

    @Test
    void uploadedArchivesAreCleanedUpAfterTheirRetentionAndUnfinishedUploadsAfterAnHour() throws Exception {
        java.nio.file.Path store = java.nio.file.Path.of("target", "sources");
        java.nio.file.Files.createDirectories(store);
        java.nio.file.Path old = store.resolve("a".repeat(64) + ".tar.gz");
        java.nio.file.Path fresh = store.resolve("b".repeat(64) + ".tar.gz");
        java.nio.file.Path abandoned = store.resolve("incoming-" + UUID.randomUUID());
        for (java.nio.file.Path file : List.of(old, fresh, abandoned)) {
            java.nio.file.Files.writeString(file, "x");
        }
        java.time.Instant now = java.time.Instant.now();
        java.nio.file.Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(now.minusSeconds(25 * 3600)));
        java.nio.file.Files.setLastModifiedTime(abandoned,
                java.nio.file.attribute.FileTime.from(now.minusSeconds(2 * 3600)));

        sources.cleanUp();

        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(old), "kept past its retention");
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(abandoned), "an abandoned upload");
        assertTrue(java.nio.file.Files.exists(fresh));
        given().contentType(ContentType.JSON).body("{\"projectId\": \"shop\", \"environment\": \"staging\","
                + " \"version\": \"1\", \"archiveId\": \"" + "a".repeat(64) + "\"}").post("/api/deployments")
                .then().statusCode(400).body("errors[0].field", equalTo("archiveId"));
    }

    static String project() {
        return "da-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String body(String project, String environment) {
        return "{\"projectId\": \"" + project + "\", \"environment\": \"" + environment + "\", \"version\": \"1.0.0\","
                + " \"gitUrl\": \"file:///srv/git/x\"}";
    }

    static String post(String project) {
        return given().contentType(ContentType.JSON).body(body(project, "staging")).post("/api/deployments")
                .then().statusCode(202).extract().path("id");
    }

    static void succeed(String project, String id) {
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, "staging"),
                DeploymentSucceeded.newBuilder().setEnvelope(TestEvents.envelope(id)).setDeploymentId(id)
                        .setProjectId(project).setEnvironment("staging").setVersion("1.0.0")
                        .setDeploymentUrl("http://127.0.0.1:8082/deployments/" + id + "/")
                        .setEnvironmentUrl("http://127.0.0.1:8082/sites/" + project + "/staging/")
                        .setDurationMillis(10).build());
    }

    static RequestDeployment command(String id, String project, String environment, String version) {
        return RequestDeployment.newBuilder()
                .setEnvelope(dev.shiplog.schema.common.Envelope.newBuilder(TestEvents.envelope(id))
                        .setActor("mallory").build()) // not trusted: the credential says who sends it
                .setCredential(dev.shiplog.testing.TestAuth.jwt("billing-service",
                        List.of(dev.shiplog.testing.TestAuth.ADMIN_GROUP), java.time.Duration.ofMinutes(30)))
                .setCommandId(id).setProjectId(project).setEnvironment(environment).setVersion(version)
                .setSource(Source.newBuilder().setGitUrl("file:///srv/git/billing").setGitBranch("main").build())
                .setConfig(DeploymentConfig.newBuilder().setEnvironmentVariables(Map.of()).build())
                .build();
    }
}
