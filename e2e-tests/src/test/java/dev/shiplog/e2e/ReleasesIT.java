package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestGitRepo;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Releases on the packaged platform, as a user and an operator meet them: a rollback serves the earlier release as it
 * was (its artifact, its configuration snapshot) even after the environment changed, also after every projection
 * was rebuilt from offset zero; a release failing its health check while it bakes is rolled back with no one acting,
 * and the environment pinned until someone unpins it; a promotion deploys the very artifact; retention keeps every
 * restorable release. (A scheduled deployment across a restart of every service: {@link ScheduledAcrossRestartIT}.)
 */
class ReleasesIT {

    static final Duration WAIT = Platform.WAIT;
    static final Path RELEASES = Components.ROOT.resolve(".shiplog/pipeline/runtime/releases");
    static final Path ARTIFACTS = Components.ROOT.resolve(".shiplog/pipeline/artifacts");

    final String project = "rel-" + UUID.randomUUID().toString().substring(0, 8);
    final TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>" + project + " VERSION</h1>\n",
            "health", "ok\n"));

    static void environment(String project, String environment, String body) {
        Platform.environment(project, environment, body);
    }

    String body(String environment, String version) {
        return "{\"projectId\": \"" + project + "\", \"environment\": \"" + environment + "\", \"version\": \""
                + version + "\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"mkdir -p dist"
                + " && sed s/VERSION/$V/ index.html > dist/index.html && cp health dist/health\","
                + " \"outputDirectory\": \"dist\", \"healthCheckPath\": \"/health\", \"environmentVariables\": {\"V\":"
                + " \"" + version + "\"}}}";
    }

    JsonPath deploy(String environment, String version) {
        String id = Platform.deploy(body(environment, version), UUID.randomUUID().toString());
        JsonPath done = Platform.finished(id, WAIT);
        assertEquals("success", done.getString("status"), done.prettify());
        return done;
    }

    static JsonPath rollback(String deploymentId, String body) {
        String id = given().contentType(ContentType.JSON).body(body).post(Platform.DEPLOYMENT_API
                + "/api/deployments/" + deploymentId + "/rollback").then().statusCode(202).extract().path("id");
        JsonPath done = Platform.finished(id, WAIT);
        assertEquals("success", done.getString("status"), done.prettify());
        return done;
    }

    JsonPath releases(String environment) {
        return given().get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments/" + environment
                + "/releases").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRollbackServesTheEarlierReleaseAsItWasAndPinsTheEnvironmentUntilUnpinned() {
        environment(project, "staging", "{\"settings\": {\"caching\": false}}");
        JsonPath v1 = deploy("staging", "v1");
        environment(project, "staging", "{\"settings\": {\"caching\": true}}");
        // (the gateway learns of the new settings from the log: a deployment right after the PUT may still run with
        // the old ones; the environments issue makes that read-your-writes)
        JsonPath v2 = await().atMost(WAIT).until(() -> deploy("staging", "v2"),
                d -> "enabled".equals(d.getString("snapshot.settings.caching")));
        String site = v2.getString("environmentUrl");
        given().get(site).then().body(containsString("v2")).header("Cache-Control", containsString("max-age"));

        JsonPath back = rollback(v2.getString("id"), "{\"targetDeploymentId\": \"" + v1.getString("id")
                + "\", \"reason\": \"v2 is broken\"}");
        assertEquals("rollback", back.getString("kind"));
        assertEquals(v1.getString("id"), back.getString("restores"));
        assertEquals(v1.getString("artifactId"), back.getString("artifactId"), "the very artifact of v1");
        assertEquals("disabled", back.getString("snapshot.settings.caching"), "v1's snapshot, not the environment's");
        assertEquals(List.of("deploy", "verify"), back.getList("stages.stage"), "no checkout, no build, no upload");
        Response served = given().get(site);
        assertTrue(served.asString().contains(project + " v1"), served.asString());
        assertEquals("no-cache", served.header("Cache-Control"));
        assertEquals(back.getString("id"), served.header("X-Shiplog-Release"));
        await().atMost(WAIT).untilAsserted(() -> given().get(Platform.DEPLOYMENT_API + "/api/deployments/"
                + v2.getString("id")).then().body("status", equalTo("rolled_back")));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath history = releases("staging");
            assertEquals(List.of(back.getString("id"), v2.getString("id")),
                    history.getList("releases.deploymentId").subList(0, 2));
            assertEquals(true, history.getBoolean("releases[0].live"));
            assertEquals("rolled_back", history.getString("releases[1].ended"));
            assertEquals("v2 is broken", history.getString("releases[1].endedReason"));
            assertEquals("replaced", history.getString("releases.find { it.deploymentId == '" + v1.getString("id")
                    + "' }.ended"));
            assertEquals(back.getString("id"), history.getString("pin.rollbackDeploymentId"));
        });
        given().contentType(ContentType.JSON).body(body("staging", "v3")).post(Platform.DEPLOYMENT_API
                + "/api/deployments").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("pinned"));
        await().atMost(WAIT).untilAsserted(() -> given().get(Platform.ENVIRONMENT_SERVICE + "/api/projects/"
                + project + "/environments/staging").then().body("pin.rollbackDeploymentId",
                        equalTo(back.getString("id"))));
        given().contentType(ContentType.JSON).body("{\"reason\": \"fixed in v3\"}").post(Platform.DEPLOYMENT_API
                + "/api/projects/" + project + "/environments/staging/unpin").then().statusCode(202);
        given().get(deploy("staging", "v3").getString("environmentUrl")).then().body(containsString("v3"));
    }

    @Test
    void aRollbackStillWorksAfterTheGatewayAndTheWorkerRebuiltTheirProjectionsFromOffsetZero() {
        environment(project, "staging", "{}");
        JsonPath v1 = deploy("staging", "a");
        JsonPath v2 = deploy("staging", "b");
        for (String service : List.of(Platform.DEPLOYMENT_API, Platform.PIPELINE_WORKER)) {
            given().post(service + "/admin/rebuild").then().statusCode(200);
        }
        JsonPath back = rollback(v2.getString("id"), "{}");
        assertEquals(v1.getString("id"), back.getString("restores"));
        given().get(back.getString("environmentUrl")).then().body(containsString(project + " a"));
    }

    @Test
    void aReleaseFailingItsHealthCheckWhileItBakesIsRolledBackWithNoOneActingAndTheEnvironmentPinned()
            throws Exception {
        environment(project, "staging", "{\"bakeSeconds\": 120}");
        JsonPath v1 = deploy("staging", "good");
        JsonPath v2 = deploy("staging", "bad");
        // the live release breaks: its health page is gone
        Files.delete(RELEASES.resolve(v2.getString("id")).resolve("health"));
        await().atMost(WAIT).untilAsserted(() -> given().get(Platform.DEPLOYMENT_API + "/api/deployments/"
                + v2.getString("id")).then().body("status", equalTo("rolled_back")));
        JsonPath history = await().atMost(WAIT).until(() -> releases("staging"),
                h -> "health_failure".equals(h.getString("releases[1].ended")));
        assertTrue(history.getString("releases[1].endedReason").contains("health check"), history.prettify());
        assertEquals("service:pipeline-worker", history.getString("pin.by"));
        given().get(v1.getString("environmentUrl")).then().body(containsString(project + " good"));
        given().contentType(ContentType.JSON).body(body("staging", "next")).post(Platform.DEPLOYMENT_API
                + "/api/deployments").then().statusCode(409).body("detail", containsString("pinned"));
    }

    @Test
    void aPromotionDeploysTheVeryArtifactOfStagingToProduction() throws Exception {
        environment(project, "staging", "{}");
        environment(project, "production", "{\"settings\": {\"caching\": true}}");
        JsonPath staged = deploy("staging", "p1");
        String id = given().contentType(ContentType.JSON).body("{\"environment\": \"production\"}")
                .post(Platform.DEPLOYMENT_API + "/api/deployments/" + staged.getString("id") + "/promote").then()
                .statusCode(202).extract().path("id");
        JsonPath promoted = Platform.finished(id, WAIT);
        assertEquals("success", promoted.getString("status"), promoted.prettify());
        assertEquals(staged.getString("artifactId"), promoted.getString("artifactId"));
        assertEquals(List.of("deploy", "verify"), promoted.getList("stages.stage"));
        given().get(promoted.getString("environmentUrl")).then().body(containsString(project + " p1"))
                .header("Cache-Control", containsString("max-age"));
        assertEquals(staged.getString("artifactId"), sha256(ARTIFACTS.resolve(staged.getString("artifactId")
                + ".zip")), "the stored bytes still have the sha256 both name");
    }

    @Test
    void cleanupKeepsEveryRestorableReleaseAndDeletesTheRest() {
        environment(project, "staging", "{}");
        // (404 until the gateway has read from the log that the project exists)
        await().atMost(WAIT).until(() -> given().contentType(ContentType.JSON).body("{\"keepLast\": 2}")
                .put(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/retention").statusCode() == 202);
        List<JsonPath> versions = List.of(deploy("staging", "r1"), deploy("staging", "r2"), deploy("staging", "r3"),
                deploy("staging", "r4"));
        // the worker applies the policy to the releases it has read from the log: asked again until it has read
        // the last one (a cleanup asked at once may come before it, on another partition)
        await().atMost(WAIT).pollInterval(java.time.Duration.ofSeconds(2)).untilAsserted(() -> {
            given().post(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/artifacts/cleanup").then()
                    .statusCode(202);
            JsonPath history = releases("staging");
            assertEquals(List.of(true, true, false, false), history.getList("releases.restorable"));
        });
        // the worker removes the files just after the ArtifactDeleted events are on the log, which the view reads
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int i = 0; i < 4; i++) {
                assertEquals(i >= 2, Files.exists(ARTIFACTS.resolve(versions.get(i).getString("artifactId")
                        + ".zip")), "artifact of r" + (i + 1));
            }
        });
        given().contentType(ContentType.JSON).body("{\"targetDeploymentId\": \"" + versions.get(0).getString("id")
                + "\"}").post(Platform.DEPLOYMENT_API + "/api/deployments/" + versions.get(3).getString("id")
                        + "/rollback").then().statusCode(409).body("detail", containsString("cleaned up"));
        JsonPath back = rollback(versions.get(3).getString("id"), "{}"); // to r3: restorable
        assertFalse(back.getString("artifactId").isEmpty());
        given().get(back.getString("environmentUrl")).then().body(containsString(project + " r3"));
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
