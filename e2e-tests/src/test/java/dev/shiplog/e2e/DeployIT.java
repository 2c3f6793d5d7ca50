package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestGitRepo;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A developer deploys a real static site, built by a real build command from a local git repository, to staging,
 * through the packaged platform: every service a separate process, talking only through Kafka and the registry.
 */
class DeployIT {

    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aStaticSiteFromAGitRepositoryGoesLiveOnStaging() {
        String project = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        TestGitRepo repo = TestGitRepo.create(project,
                Map.of("src/index.html", "<html><body><h1>Welcome to VERSION</h1></body></html>\n"));
        String commit = repo.commit(Map.of("src/health", "ok\n"), "add a health page");

        given().contentType(ContentType.JSON).body("{\"url\": \"https://staging.example.test\"}")
                .put(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments/staging")
                .then().statusCode(202);

        String body = "{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"2.0.0\","
                + " \"gitUrl\": \"" + repo.path() + "\", \"gitCommit\": \"" + commit + "\","
                + " \"config\": {\"buildCommand\": \"mkdir -p dist && sed s/VERSION/$SITE_VERSION/ src/index.html"
                + " > dist/index.html && cp src/health dist/health && echo build done\","
                + " \"outputDirectory\": \"dist\", \"healthCheckPath\": \"/health\", \"timeout\": 120,"
                + " \"environmentVariables\": {\"SITE_VERSION\": \"v2\"}}}";
        String id = Platform.deploy(body, "first-deploy");

        JsonPath deployment = Platform.finished(id, WAIT);

        assertEquals("success", deployment.getString("status"), deployment.prettify());
        assertEquals(List.of("build", "upload", "deploy", "verify"), deployment.getList("stages.stage"));
        assertEquals(List.of("succeeded", "succeeded", "succeeded", "succeeded"), deployment.getList("stages.status"));
        assertEquals(commit, deployment.getString("gitCommit"));
        assertEquals("admin", deployment.getString("initiatedBy")); // whom the token proves, the instance admin
        String url = deployment.getString("deploymentUrl");
        assertTrue(url.startsWith(Platform.DEPLOYMENT_API + "/deployments/" + id), url); // on the gateway

        given().get(url).then().statusCode(200).body(containsString("<h1>Welcome to v2</h1>"));
        given().get(deployment.getString("environmentUrl")).then().statusCode(200).body(containsString("Welcome to v2"));
        await().atMost(WAIT).untilAsserted(() -> given().get(Platform.DEPLOYMENT_API + "/api/deployments/" + id + "/logs")
                .then().statusCode(200).body("chunks.text", hasItem(containsString("build done"))));

        // the other projections followed the same log
        await().atMost(WAIT).untilAsserted(() -> given()
                .get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments/staging")
                .then().statusCode(200).body("currentDeployment", equalTo(id)).body("currentVersion", equalTo("2.0.0")));
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("projectId", project)
                .get(Platform.DEPLOYMENT_API + "/api/notifications")
                .then().statusCode(200).body("kind", hasItem("succeeded")));
    }

    @Test
    void aSourceArchiveUploadedToTheGatewayIsBuiltByThePipelineWorker() {
        String project = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] archive = dev.shiplog.testing.TestArchives.tarGz(Path.of("target", "archives"),
                Map.of("index.html", "<h1>uploaded " + project + "</h1>\n"));
        String archiveId = given().contentType("application/gzip").queryParam("projectId", project).body(archive)
                .post(Platform.DEPLOYMENT_API + "/api/sources").then().statusCode(201).extract().path("archiveId");
        given().contentType(ContentType.JSON).body("{}")
                .put(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments/staging")
                .then().statusCode(202);
        String body = "{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"1\","
                + " \"archiveId\": \"" + archiveId + "\"}";
        String id = Platform.deploy(body, "archive");
        JsonPath deployment = Platform.finished(id, WAIT);
        assertEquals("success", deployment.getString("status"), deployment.prettify());
        given().get(deployment.getString("environmentUrl")).then().statusCode(200)
                .body(containsString("uploaded " + project));
    }
}
