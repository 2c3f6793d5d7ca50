package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentHealth;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestEvents;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Projects and environments on the running platform, through the gateway (port 8080) only, as a new user copying
 * the README would: an environment written and deployed to at once, a deployment's status read at once, typed
 * settings, variables and secrets (masked in the logs, never in clear on the log), snapshots, live health,
 * comparison and time travel.
 */
class EnvironmentsIT {

    static final String GATEWAY = Platform.DEPLOYMENT_API;
    static final Path REPO_ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void anEnvironmentWrittenAndDeployedToAtOnceWorksEveryTimeInARow() {
        // ./shiplog test: 10 rounds; ./shiplog soak: 100
        int rounds = Integer.getInteger("shiplog.environments.rounds", 10);
        String project = project("ryw");
        TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>rw</h1>\n"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            String environment = "env-" + i;
            given().contentType(ContentType.JSON).body("{\"settings\": {\"logLevel\": \"info\"}}")
                    .put(GATEWAY + "/api/projects/" + project + "/environments/" + environment)
                    .then().statusCode(202);
            // no wait, no retry: the environment is known to the deployment the moment the PUT answered
            Response accepted = given().contentType(ContentType.JSON).body(deployment(project, environment, repo))
                    .post(GATEWAY + "/api/deployments");
            assertEquals(202, accepted.statusCode(), "round " + i + ": " + accepted.asString());
            String statusUrl = accepted.jsonPath().getString("statusUrl");
            String id = accepted.jsonPath().getString("id");
            // ...and the deployment is there the moment it was accepted (pending, or already further along)
            given().get(GATEWAY + statusUrl).then().statusCode(200).body("id", equalTo(id))
                    .body("status", org.hamcrest.Matchers.in(List.of("pending", "building", "deploying",
                            "success")));
            given().get(GATEWAY + "/api/deployments/" + id).then().statusCode(200);
            ids.add(id);
            if (i >= 3) { // the first ones run to the end; the others need not take the worker's time
                // (a deployment that already ended cannot be cancelled any more: a 409 saying so)
                given().post(GATEWAY + "/api/deployments/" + id + "/cancel").then()
                        .statusCode(org.hamcrest.Matchers.oneOf(202, 409));
            }
        }
        for (String id : ids) {
            JsonPath done = Platform.finished(id, Platform.WAIT);
            assertTrue(List.of("success", "cancelled").contains(done.getString("status")), done.prettify());
        }
        for (String id : ids.subList(0, 3)) {
            JsonPath done = given().get(GATEWAY + "/api/deployments/" + id).then().extract().jsonPath();
            assertEquals("success", done.getString("status"), done.prettify());
            // the site is on the gateway too
            assertTrue(done.getString("environmentUrl").startsWith(GATEWAY + "/sites/"), done.getString("environmentUrl"));
            given().get(done.getString("environmentUrl")).then().statusCode(200).body(containsString("<h1>rw</h1>"));
        }
        // a status URL's position is checked like any input
        given().get(GATEWAY + "/api/deployments/" + ids.get(0) + "?seen=../../etc").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("seen"));
    }

    @Test
    void aSecretReachesTheBuildMaskedInTheLogsAndNeverInClearOnTheLog() throws Exception {
        String project = project("secret");
        String secret = "s3cr3t-" + UUID.randomUUID().toString().replace("-", "");
        String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String base64Line = Base64.getEncoder().encodeToString((secret + "\n").getBytes(StandardCharsets.UTF_8));
        createProject(project);
        String env = GATEWAY + "/api/projects/" + project + "/environments/staging";
        try (TestEvents.RawReader environmentLog = TestEvents.get().readRawFromNow(Topics.ENVIRONMENT_EVENTS.name());
                TestEvents.RawReader deploymentLog = TestEvents.get().readRawFromNow(Topics.DEPLOYMENT_EVENTS.name());
                TestEvents.RawReader buildLog = TestEvents.get().readRawFromNow(Topics.DEPLOYMENT_LOGS.name())) {
            given().contentType(ContentType.JSON).body(Map.of("value", secret, "secret", true))
                    .put(env + "/variables/API_TOKEN").then().statusCode(202);
            given().contentType(ContentType.JSON).body(Map.of("value", "hello")).put(env + "/variables/GREETING")
                    .then().statusCode(202);
            TestGitRepo repo = TestGitRepo.create(project, Map.of("build.sh", String.join("\n",
                    "echo \"token=$API_TOKEN\"",
                    "printf %s \"$API_TOKEN\" | base64",
                    "echo \"$API_TOKEN\" | base64",
                    "echo \"$API_TOKEN\" >&2",
                    "[ \"$API_TOKEN\" = \"" + secret + "\" ] && echo the-build-has-the-secret",
                    "mkdir -p out && echo \"<p>$GREETING</p>\" > out/index.html", "")));
            String id = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\":"
                    + " \"bash build.sh\", \"outputDirectory\": \"out\"}}", project);
            String stream = sse(id);
            JsonPath done = Platform.finished(id, Platform.WAIT);
            assertEquals("success", done.getString("status"), done.prettify());
            given().get(done.getString("environmentUrl")).then().statusCode(200).body(containsString("<p>hello</p>"));

            String logs = given().get(GATEWAY + "/api/deployments/" + id + "/logs").then().statusCode(200).extract()
                    .jsonPath().getList("chunks.text", String.class).stream().collect(Collectors.joining());
            assertTrue(logs.contains("the-build-has-the-secret"), logs);
            assertTrue(logs.contains("token=***"), logs);
            for (String text : List.of(logs, stream, done.prettify())) {
                assertFalse(text.contains(secret), "the secret in clear: " + text);
                assertFalse(text.contains(base64) || text.contains(base64.replace("=", ""))
                        || text.contains(base64Line.replace("=", "")), "the secret in base64: " + text);
            }
            assertTrue(stream.contains("token=***"), stream);
            for (TestEvents.RawReader topic : List.of(environmentLog, deploymentLog, buildLog)) {
                for (ConsumerRecord<String, byte[]> record : topic.recordsToEnd()) {
                    String raw = new String(record.value(), StandardCharsets.ISO_8859_1);
                    assertFalse(raw.contains(secret) || raw.contains(base64.replace("=", "")),
                            "the secret in clear on " + record.topic() + " at " + record.offset());
                }
            }
        }
        // no API shows it
        for (String url : List.of(env, GATEWAY + "/api/projects/" + project,
                GATEWAY + "/api/projects/" + project + "/environments/compare?from=staging&to=production")) {
            assertFalse(given().get(url).asString().contains(secret), url);
        }
        given().get(env).then().body("variables.find { it.name == 'API_TOKEN' }.value", equalTo(null))
                .body("variables.find { it.name == 'GREETING' }.value", equalTo("hello"));
    }

    @Test
    void aDeploymentKeepsTheVariablesItStartedWithAndARollbackRestoresThem() {
        String project = project("snap");
        createProject(project);
        String env = GATEWAY + "/api/projects/" + project + "/environments/staging";
        given().contentType(ContentType.JSON).body(Map.of("value", "v1")).put(env + "/variables/GREETING")
                .then().statusCode(202);
        TestGitRepo repo = TestGitRepo.create(project, Map.of("build.sh",
                "echo \"building with $GREETING\"\nmkdir -p out && echo \"<p>$GREETING</p>\" > out/index.html\n"));
        String first = Platform.deploy(deployment(project, "staging", repo, "bash build.sh", Map.of()),
                project + "-1");
        // the deployment was accepted with v1; the variable changes before it has even been built
        given().contentType(ContentType.JSON).body(Map.of("value", "v2")).put(env + "/variables/GREETING")
                .then().statusCode(202);
        JsonPath one = Platform.finished(first, Platform.WAIT);
        assertEquals("success", one.getString("status"), one.prettify());
        given().get(one.getString("environmentUrl")).then().body(containsString("<p>v1</p>"));
        assertEquals("v1", one.getString("snapshot.variables.GREETING"));

        String second = Platform.deploy(deployment(project, "staging", repo, "bash build.sh", Map.of()),
                project + "-2");
        JsonPath two = Platform.finished(second, Platform.WAIT);
        assertEquals("success", two.getString("status"), two.prettify());
        given().get(two.getString("environmentUrl")).then().body(containsString("<p>v2</p>"));
        assertEquals("v2", two.getString("snapshot.variables.GREETING"));
        // the first deployment's record did not change
        given().get(GATEWAY + "/api/deployments/" + first).then().body("snapshot.variables.GREETING", equalTo("v1"));

        // a rollback re-activates the first release and its snapshot
        String rollback = given().contentType(ContentType.JSON).body("{\"targetDeploymentId\": \"" + first + "\"}")
                .post(GATEWAY + "/api/deployments/" + second + "/rollback").then().statusCode(202).extract()
                .path("id");
        JsonPath back = Platform.finished(rollback, Platform.WAIT);
        assertEquals("success", back.getString("status"), back.prettify());
        assertEquals("v1", back.getString("snapshot.variables.GREETING"));
        given().get(back.getString("environmentUrl")).then().body(containsString("<p>v1</p>"));
    }

    @Test
    void compareListsExactlyWhatDiffersAndTheCommitsBetweenAndAsOfShowsThePast() {
        String project = project("cmp");
        String base = GATEWAY + "/api/projects/" + project + "/environments/";
        TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>c1</h1>\n"));
        // the project knows where its code is: its deployments need not say
        given().contentType(ContentType.JSON).body(Map.of("name", "Compare", "repositoryUrl", repo.path().toString(),
                "defaultBranch", "main")).put(GATEWAY + "/api/projects/" + project).then().statusCode(202);
        String c1 = head(repo);
        Instant beforeChanges = Instant.now();
        for (String[] v : new String[][] { { "staging", "MODE", "beta" }, { "production", "MODE", "stable" },
                { "staging", "SAME", "1" }, { "production", "SAME", "1" }, { "staging", "ONLY_STAGING", "x" } }) {
            given().contentType(ContentType.JSON).body(Map.of("value", v[2]))
                    .put(base + v[0] + "/variables/" + v[1]).then().statusCode(202);
        }
        for (String[] v : new String[][] { { "staging", "one" }, { "production", "two" } }) {
            given().contentType(ContentType.JSON).body(Map.of("value", v[1], "secret", true))
                    .put(base + v[0] + "/variables/TOKEN").then().statusCode(202);
        }
        String production = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"production\","
                + " \"version\": \"1\"}", project + "-p");
        assertEquals("success", Platform.finished(production, Platform.WAIT).getString("status"));
        String c2 = repo.commit(Map.of("index.html", "<h1>c2</h1>\n"), "second change");
        String c3 = repo.commit(Map.of("index.html", "<h1>c3</h1>\n"), "third change");
        String staging = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                + " \"version\": \"2\"}", project + "-s");
        assertEquals("success", Platform.finished(staging, Platform.WAIT).getString("status"));

        JsonPath compare = given().get(base + "compare?from=production&to=staging").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("caching", "domain", "logLevel", "scaling.instances", "scaling.max", "scaling.min"),
                compare.getList("settings.setting"));
        assertEquals(List.of("MODE", "ONLY_STAGING", "TOKEN"), compare.getList("variables.name"));
        assertNull(compare.get("variables.find { it.name == 'TOKEN' }.from"));
        assertEquals(c1, compare.getString("from.commit"));
        assertEquals(c3, compare.getString("to.commit"));
        assertEquals(List.of(c3, c2), compare.getList("commits.sha"));
        assertEquals(List.of("third change", "second change"), compare.getList("commits.title"));
        assertEquals(64, compare.getString("to.artifactId").length());

        // the staging environment before the variables were set; the project list then
        given().get(base + "staging?asOf=" + beforeChanges).then().statusCode(200)
                .body("variables.size()", equalTo(0)).body("currentDeployment", equalTo(null));
        given().get(base + "staging").then().body("currentDeployment", equalTo(staging));
        given().get(GATEWAY + "/api/projects?asOf=" + beforeChanges).then().statusCode(200)
                .body("find { it.id == '" + project + "' }.environments.find { it.name == 'staging' }"
                        + ".currentVersion", equalTo(null));
        given().get(GATEWAY + "/api/projects").then().statusCode(200)
                .body("find { it.id == '" + project + "' }.environments.find { it.name == 'staging' }"
                        + ".currentDeployment", equalTo(staging));
    }

    @Test
    void aFailingLiveReleaseTurnsItsEnvironmentDegradedThenDownAndHealthyAgain() throws Exception {
        String project = project("health");
        createProject(project);
        TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>ok</h1>\n",
                "health.txt", "ok\n"));
        String env = GATEWAY + "/api/projects/" + project + "/environments/staging";
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.ENVIRONMENT_EVENTS)) {
            String id = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"healthCheckPath\":"
                    + " \"/health.txt\"}}", project);
            assertEquals("success", Platform.finished(id, Platform.WAIT).getString("status"));
            assertEquals(EnvironmentHealth.HEALTHY, health(events, project).getStatus());
            // on the log first, then in the environment-service's view
            await().atMost(Platform.WAIT).untilAsserted(() -> given().get(env).then().body("status", equalTo("healthy")));

            // the application starts failing its health check
            Path check = REPO_ROOT.resolve(".shiplog/pipeline/runtime/releases/" + id + "/health.txt");
            Files.move(check, check.resolveSibling("health.txt.away"));
            EnvironmentHealthChanged degraded = health(events, project);
            assertEquals(EnvironmentHealth.DEGRADED, degraded.getStatus());
            assertTrue(degraded.getReason().contains("404"), degraded.getReason());
            assertEquals(EnvironmentHealth.DOWN, health(events, project).getStatus());
            await().atMost(Platform.WAIT).untilAsserted(() -> given().get(env).then().body("status", equalTo("down")));
            given().get(GATEWAY + "/api/projects").then().body("find { it.id == '" + project + "' }.environments"
                    + ".find { it.name == 'staging' }.status", equalTo("down"));

            // and recovers
            Files.move(check.resolveSibling("health.txt.away"), check);
            assertEquals(EnvironmentHealth.HEALTHY, health(events, project).getStatus());
            await().atMost(Platform.WAIT).untilAsserted(() -> given().get(env).then()
                    .body("status", equalTo("healthy")));
            // one event per change of status, not one per check
            List<?> more = events.readToEnd(r -> r.value() instanceof EnvironmentHealthChanged h
                    && h.getProjectId().equals(project));
            assertEquals(0, more.size(), "status changes written without a change: " + more);
        }
    }

    @Test
    void oneGatewayServesEveryApiWithItsErrorsAndOneOpenApiDocument() {
        String project = project("gw");
        createProject(project);
        // a setting that the schema refuses: problem+json naming it, through the gateway, and nothing changes
        given().contentType(ContentType.JSON).body("{\"settings\": {\"scaling\": {\"instances\": 1000}}}")
                .put(GATEWAY + "/api/projects/" + project + "/environments/staging").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("settings.scaling.instances"))
                .body("errors[0].rule", containsString("between 1 and 100"));
        given().get(GATEWAY + "/api/projects/" + project + "/environments/staging").then()
                .body("settings.scaling.instances", equalTo(1));
        given().get(GATEWAY + "/api/queues/" + project + "/staging").then().statusCode(200);
        given().get(GATEWAY + "/api/notifications?projectId=" + project).then().statusCode(200);
        given().header("Authorization", TestAuth.NONE).get(GATEWAY + "/api/projects").then().statusCode(401)
                .contentType("application/problem+json");
        given().get(GATEWAY + "/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/projects"))
                .body("paths", hasKey("/api/projects/{projectId}/environments/compare"))
                .body("paths", hasKey("/api/projects/{projectId}/environments/{environment}/variables/{name}"))
                .body("paths", hasKey("/api/queues/{projectId}/{environment}"))
                .body("paths", hasKey("/api/notifications"))
                .body("paths", hasKey("/api/deployments"));
        given().get(GATEWAY + "/sites/" + project + "/staging/").then().statusCode(404);
        given().get(GATEWAY + "/sites/%2e%2e/%2e%2e/etc/passwd").then().statusCode(404);
        given().header("Authorization", TestAuth.NONE).get(GATEWAY + "/api/projects/" + project).then()
                .statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    /** The next EnvironmentHealthChanged of the project's staging. */
    static EnvironmentHealthChanged health(TestEvents.Reader events, String project) {
        return events.await(EnvironmentHealthChanged.class, e -> e.getProjectId().equals(project), Platform.WAIT);
    }

    static void createProject(String project) {
        given().contentType(ContentType.JSON).body("{\"name\": \"" + project + "\"}")
                .put(GATEWAY + "/api/projects/" + project).then().statusCode(202);
    }

    static String deployment(String project, String environment, TestGitRepo repo) {
        return "{\"projectId\": \"" + project + "\", \"environment\": \"" + environment + "\", \"version\": \"1\","
                + " \"gitUrl\": \"" + repo.path() + "\"}";
    }

    static String deployment(String project, String environment, TestGitRepo repo, String build,
            Map<String, String> variables) {
        String vars = variables.entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        return "{\"projectId\": \"" + project + "\", \"environment\": \"" + environment + "\", \"version\": \"1\","
                + " \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"" + build + "\","
                + " \"outputDirectory\": \"out\", \"environmentVariables\": {" + vars + "}}}";
    }

    /** The deployment's live stream, read to its end. */
    static String sse(String id) throws Exception {
        HttpResponse<String> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(GATEWAY + "/api/deployments/" + id + "/stream"))
                .header("Authorization", "Bearer " + TestAuth.admin()).timeout(Platform.WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stream.statusCode());
        return stream.body();
    }

    static String head(TestGitRepo repo) {
        try {
            return Files.readString(repo.path().resolve(".git/refs/heads/main")).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String project(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
