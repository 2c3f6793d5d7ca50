package dev.shiplog.environment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.event.CommitSummary;
import dev.shiplog.schema.deployment.event.SourceResolved;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import dev.shiplog.schema.environment.ProjectConfigured;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Projects, variables and secrets, comparison and time travel, against the real broker, registry and database. A
 * write answers once this service's own view shows it: every read below right after a write is not awaited.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class ProjectsTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String SECRET = "hunter2-" + UUID.randomUUID();

    @Test
    void aNewProjectHasStagingAndProductionWithTheirDefaultsAtOnceAndIsInTheOverview() {
        String project = newProject();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.ENVIRONMENT_EVENTS)) {
            given().contentType(ContentType.JSON).body("{\"name\": \"Shop\", \"repositoryUrl\":"
                    + " \"https://github.com/acme/shop.git\", \"defaultBranch\": \"main\", \"buildDefaults\":"
                    + " {\"buildCommand\": \"npm run build\", \"outputDirectory\": \"dist\"}}")
                    .put("/api/projects/" + project).then().statusCode(202)
                    .header("Shiplog-Log-Position", containsString(Topics.ENVIRONMENT_EVENTS.name() + "/"));
            ProjectConfigured configured = events.await(ProjectConfigured.class,
                    e -> e.getProjectId().equals(project), WAIT);
            assertEquals("Shop", configured.getName());
            assertEquals("npm run build", configured.getBuildDefaults().getBuildCommand());
        }
        // no wait: the PUT answered once the view showed it
        given().get("/api/projects/" + project).then().statusCode(200)
                .body("name", equalTo("Shop"))
                .body("repositoryUrl", equalTo("https://github.com/acme/shop.git"))
                .body("buildDefaults.outputDirectory", equalTo("dist"))
                .body("environments.name", equalTo(List.of("production", "staging")));
        given().get("/api/projects/" + project + "/environments/staging").then().statusCode(200)
                .body("settings.scaling.instances", equalTo(1))
                .body("settings.logLevel", equalTo("debug"))
                .body("settings.caching", equalTo(false))
                .body("settings.domain", equalTo("staging." + project + ".example.com"))
                .body("protected", equalTo(false));
        given().get("/api/projects/" + project + "/environments/production").then().statusCode(200)
                .body("settings.scaling.min", equalTo(2)).body("settings.scaling.max", equalTo(10))
                .body("settings.logLevel", equalTo("info"))
                .body("settings.caching", equalTo(true))
                .body("protected", equalTo(true));

        // the ops overview: the live version and health of each environment
        new Deployments(project, "staging").deployed(UUID.randomUUID().toString(), "1.4.0");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/projects").then().statusCode(200)
                .body("find { it.id == '" + project + "' }.environments.find { it.name == 'staging' }"
                        + ".currentVersion", equalTo("1.4.0")));

        // a change by a project's maintainer keeps the environments as they are
        given().contentType(ContentType.JSON).body("{\"name\": \"Shop 2\"}").put("/api/projects/" + project)
                .then().statusCode(202);
        given().get("/api/projects/" + project).then().body("name", equalTo("Shop 2"))
                .body("environments.size()", equalTo(2));

        // deleting it is refused while something is live, then forced
        given().delete("/api/projects/" + project).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("staging"));
        given().get("/api/projects/" + project).then().statusCode(200);
        given().delete("/api/projects/" + project + "?force=true&reason=done").then().statusCode(202);
        given().get("/api/projects/" + project).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/projects/" + project + "/environments/staging").then().statusCode(404);
        given().get("/api/projects").then().body("id", not(hasItem(project)));
    }

    @Test
    void projectInputIsCheckedNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"repositoryUrl\": \"--upload-pack=evil\","
                + " \"defaultBranch\": \"../main\", \"buildDefaults\": {\"outputDirectory\": \"../etc\"}}")
                .put("/api/projects/" + newProject()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("repositoryUrl", "defaultBranch",
                        "buildDefaults.outputDirectory"));
        given().get("/api/projects?asOf=yesterday").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
        given().delete("/api/projects/" + newProject()).then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/projects/" + newProject() + "?force=perhaps").then().statusCode(400)
                .body("errors[0].field", equalTo("force"));
    }

    @Test
    void aSecretIsSealedBeforeTheLogAndNeverShownAPlainVariableIs() {
        String project = project();
        String env = "/api/projects/" + project + "/environments/staging";
        try (TestEvents.RawReader raw = TestEvents.get().readRawFromNow(Topics.ENVIRONMENT_EVENTS.name());
                TestEvents.Reader events = TestEvents.get().readFromNow(Topics.ENVIRONMENT_EVENTS)) {
            given().contentType(ContentType.JSON).body("{\"value\": \"" + SECRET + "\", \"secret\": true}")
                    .put(env + "/variables/API_KEY").then().statusCode(202);
            EnvironmentVariablesChanged changed = events.await(EnvironmentVariablesChanged.class,
                    e -> e.getProjectId().equals(project), WAIT);
            assertNull(changed.getChanges().get(0).getValue());
            assertNotNull(changed.getChanges().get(0).getSealed().getCiphertext());
            ConsumerRecord<String, byte[]> record = raw.awaitRecord(
                    r -> Topics.environmentKey(project, "staging").equals(r.key()), WAIT);
            String bytes = new String(record.value(), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains(SECRET), "the secret is not on the log in clear");
            assertFalse(bytes.contains(java.util.Base64.getEncoder().encodeToString(
                    SECRET.getBytes(StandardCharsets.UTF_8))), "nor in base64");
        }
        given().contentType(ContentType.JSON).body("{\"value\": \"https://api.example\"}")
                .put(env + "/variables/API_URL").then().statusCode(202);
        String shown = given().get(env).then().statusCode(200)
                .body("variables.name", equalTo(List.of("API_KEY", "API_URL")))
                .body("variables.find { it.name == 'API_URL' }.value", equalTo("https://api.example"))
                .body("variables.find { it.name == 'API_KEY' }.secret", equalTo(true))
                .body("variables.find { it.name == 'API_KEY' }.value", nullValue())
                .body("variables.find { it.name == 'API_KEY' }.sealedWith", equalTo("t1"))
                .extract().asString();
        assertFalse(shown.contains(SECRET));
        assertFalse(given().get("/api/projects/" + project + "/environments").asString().contains(SECRET));
        assertFalse(given().get("/api/projects/" + project + "/environments/compare?from=staging&to=production")
                .asString().contains(SECRET));

        given().delete(env + "/variables/API_URL").then().statusCode(202);
        given().get(env).then().body("variables.name", equalTo(List.of("API_KEY")));
        given().delete(env + "/variables/API_URL").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"value\": \"x\"}").put(env + "/variables/-bad")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().contentType(ContentType.JSON).body("{\"value\": \"a\\u0000b\"}").put(env + "/variables/OK")
                .then().statusCode(400).body("errors[0].field", equalTo("value"));
        given().contentType(ContentType.JSON).body("{\"value\": \"" + "v".repeat(70_000) + "\"}")
                .put(env + "/variables/OK").then().statusCode(400).body("errors[0].field", equalTo("value"));
        given().contentType(ContentType.JSON).body("{\"value\": \"x\"}")
                .put("/api/projects/" + project + "/environments/nowhere/variables/OK").then().statusCode(404);
    }

    @Test
    void aResealLeavesASecretWhoseKeyIsGoneAndSaysSo() {
        String project = project();
        String key = Topics.environmentKey(project, "staging");
        // a secret sealed with a key this service no longer has (rotated out and removed)
        TestEvents.get().publish(Topics.ENVIRONMENT_EVENTS, key, EnvironmentVariablesChanged.newBuilder()
                .setEnvelope(TestEvents.envelope(key)).setProjectId(project).setEnvironment("staging")
                .setChanges(List.of(dev.shiplog.schema.environment.VariableChange.newBuilder().setName("OLD")
                        .setSecret(true).setRemoved(false).setSealed(dev.shiplog.schema.common.SealedSecret
                                .newBuilder().setName("OLD").setKeyId("gone").setCiphertext("c2VhbGVk").build())
                        .build())).build());
        String env = "/api/projects/" + project + "/environments/staging";
        await().atMost(WAIT).until(() -> given().get(env).then().extract().jsonPath()
                .getList("variables.name").contains("OLD"));
        given().post("/api/admin/secrets/reseal").then().statusCode(200)
                .body("unopenable", org.hamcrest.Matchers.hasItem(project + "/staging/OLD (key gone)"));
        given().get(env).then().body("variables.find { it.name == 'OLD' }.sealedWith", equalTo("gone"));
    }

    @Test
    void compareListsExactlyWhatDiffersAndTheCommitsBetween() {
        String project = project();
        String base = "/api/projects/" + project + "/environments/";
        variable(project, "staging", "SAME", "1", false);
        variable(project, "production", "SAME", "1", false);
        variable(project, "staging", "MODE", "beta", false);
        variable(project, "production", "MODE", "stable", false);
        variable(project, "staging", "TOKEN_SAME", "s3cr3t", true);
        variable(project, "production", "TOKEN_SAME", "s3cr3t", true);
        variable(project, "staging", "TOKEN", "one", true);
        variable(project, "production", "TOKEN", "two", true);
        variable(project, "staging", "ONLY_STAGING", "x", false);

        String[] shas = { sha("c3"), sha("c2"), sha("c1") }; // newest first
        String onStaging = UUID.randomUUID().toString();
        String onProduction = UUID.randomUUID().toString();
        deployed(project, "staging", onStaging, "1.2.0", List.of(shas));
        deployed(project, "production", onProduction, "1.0.0", List.of(shas[2]));

        JsonPath compare = await().atMost(WAIT).until(() -> given()
                .get(base + "compare?from=production&to=staging").then().statusCode(200).extract().jsonPath(),
                // both environments' deployments applied (they are on partitions of their own, applied in any order)
                j -> "1.0.0".equals(j.getString("from.version")) && "1.2.0".equals(j.getString("to.version"))
                        && j.getList("commits") != null && j.getList("commits").size() == 2);
        // the defaults of staging and production differ in every setting
        assertEquals(List.of("caching", "domain", "logLevel", "scaling.instances", "scaling.max", "scaling.min"),
                compare.getList("settings.setting"));
        assertEquals("info", compare.getString("settings.find { it.setting == 'logLevel' }.from"));
        assertEquals("debug", compare.getString("settings.find { it.setting == 'logLevel' }.to"));
        assertEquals(List.of("MODE", "ONLY_STAGING", "TOKEN"), compare.getList("variables.name"));
        assertEquals("stable", compare.getString("variables.find { it.name == 'MODE' }.from"));
        assertTrue(compare.getBoolean("variables.find { it.name == 'ONLY_STAGING' }.onlyInTo"));
        assertTrue(compare.getBoolean("variables.find { it.name == 'TOKEN' }.secret"));
        assertNull(compare.get("variables.find { it.name == 'TOKEN' }.from"));
        assertNull(compare.get("variables.find { it.name == 'TOKEN' }.to"));
        assertEquals("1.0.0", compare.getString("from.version"));
        assertEquals("1.2.0", compare.getString("to.version"));
        assertEquals(Deployments.artifact("1.2.0"), compare.getString("to.artifactId"));
        assertEquals(shas[0], compare.getString("to.commit"));
        assertEquals(List.of(shas[0], shas[1]), compare.getList("commits.sha"));
        assertEquals(List.of("commit c3", "commit c2"), compare.getList("commits.title"));

        given().get(base + "compare?from=staging").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().get(base + "compare?from=staging&to=nowhere").then().statusCode(404);
        given().get(base + "compare?from=staging&to=..%2Fx").then().statusCode(400);
    }

    @Test
    void asOfShowsAnEnvironmentAndTheProjectsAsTheyWereAndARebuildEqualsTheLiveProjection() {
        Instant beforeProject = Instant.now();
        String project = project();
        String env = "/api/projects/" + project + "/environments/staging";
        variable(project, "staging", "MODE", "first", false);
        Instant first = Instant.now(); // the variable's event is in the view: it happened before this instant
        given().contentType(ContentType.JSON).body("{\"url\": \"https://later.example\", \"settings\":"
                + " {\"logLevel\": \"error\"}}").put(env).then().statusCode(202);
        variable(project, "staging", "MODE", "second", false);

        given().get(env).then().body("settings.logLevel", equalTo("error")).body("url", equalTo("https://later.example"))
                .body("variables.find { it.name == 'MODE' }.value", equalTo("second"));
        given().get(env + "?asOf=" + first).then().statusCode(200)
                .body("settings.logLevel", equalTo("debug")).body("url", nullValue())
                .body("variables.find { it.name == 'MODE' }.value", equalTo("first"));
        given().get("/api/projects/" + project + "/environments?asOf=" + first).then().statusCode(200)
                .body("name", equalTo(List.of("production", "staging")));
        given().get(env + "?asOf=" + beforeProject).then().statusCode(404);
        given().get("/api/projects?asOf=" + beforeProject).then().statusCode(200).body("id", not(hasItem(project)));
        given().get("/api/projects?asOf=" + first).then().statusCode(200).body("id", hasItem(project));
        given().get("/api/projects/" + project + "?asOf=" + first).then().statusCode(200)
                .body("environments.name", equalTo(List.of("production", "staging")));

        // the projection rebuilt from offset zero, beside the live one, equals it row for row
        JsonPath report = given().post("/admin/rebuild?switch=false").then().statusCode(200).extract().jsonPath();
        assertTrue(report.getBoolean("identical"), report.prettify());
        assertFalse(report.getBoolean("switched"));
    }

    private static void variable(String project, String environment, String name, String value, boolean secret) {
        given().contentType(ContentType.JSON).body(Map.of("value", value, "secret", secret))
                .put("/api/projects/" + project + "/environments/" + environment + "/variables/" + name)
                .then().statusCode(202);
    }

    private static void deployed(String project, String environment, String deploymentId, String version,
            List<String> history) {
        String key = Topics.environmentKey(project, environment);
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, SourceResolved.newBuilder()
                .setEnvelope(TestEvents.envelope(deploymentId)).setDeploymentId(deploymentId).setProjectId(project)
                .setEnvironment(environment).setCommit(history.get(0))
                .setHistory(history.stream().map(sha -> CommitSummary.newBuilder().setSha(sha)
                        .setTitle("commit " + TITLES.get(sha)).build()).toList())
                .build());
        Deployments deployments = new Deployments(project, environment);
        deployments.publish(deployments.activated(deploymentId, Deployments.artifact(version)));
        deployments.publish(deployments.succeeded(deploymentId, version));
    }

    private static final Map<String, String> TITLES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String sha(String name) {
        String sha = TestEvents.sha256(name + UUID.randomUUID()).substring(0, 40);
        TITLES.put(sha, name);
        return sha;
    }

    /** A new project (with staging and production). */
    private static String project() {
        String project = newProject();
        given().contentType(ContentType.JSON).body("{\"name\": \"Test\"}").put("/api/projects/" + project)
                .then().statusCode(202);
        return project;
    }

    private static String newProject() {
        return "prj-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
