package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a hostile user tried (issue 16), on the running platform, each with variants: a second credential of the
 * requester approving, webhook URLs no delivery can reach, control characters and dot segments in paths, numbers
 * and bidirectional controls as names, problems that would show internals or echo a token, another project's
 * deployment, repositories on the platform's own machine, and an environment buried under waiting deployments.
 */
class HostileUserIT {

    static final String API = Platform.DEPLOYMENT_API;

    static String project(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void member(String project, String subject, String role) {
        given().contentType(ContentType.JSON).body("{\"role\": \"" + role + "\"}")
                .put(API + "/api/projects/" + project + "/members/" + subject).then().statusCode(200);
    }

    static void assertProblem(Response answer, int status, String field) {
        assertEquals(status, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        if (field != null) {
            assertTrue(answer.jsonPath().getList("errors.field").contains(field), answer.asString());
        }
        assertFalse(FuzzIT.INTERNALS.matcher(answer.asString()).find(), "names internals: " + answer.asString());
    }

    @Test
    void everySecondCredentialOfTheRequesterIsStillTheRequester() {
        String project = project("eyes");
        Platform.environment(project, "production", "{\"approvalRequired\": true}");
        String ann = "ann-" + project;
        member(project, ann, "admin");
        member(project, "ben-" + project, "maintainer");
        String annJwt = "Bearer " + TestAuth.jwt(ann);
        try (TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>four eyes</h1>\n"))) {
            String id = Platform.deployAs(annJwt, "{\"projectId\": \"" + project + "\", \"environment\": \"production\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"true\"}}",
                    UUID.randomUUID().toString(), Platform.WAIT);
            await().atMost(Platform.WAIT).untilAsserted(() -> given().header("Authorization", annJwt)
                    .get(API + "/api/deployments/" + id).then().body("approval.status", equalTo("waiting")));
            // her own login, a project token she made (each role that may approve), a personal token she made
            List<String> hers = new java.util.ArrayList<>(List.of(annJwt));
            for (String role : List.of("maintainer", "admin")) {
                hers.add("Bearer " + given().header("Authorization", annJwt).contentType(ContentType.JSON)
                        .body("{\"name\": \"second-" + role + "\", \"projectId\": \"" + project + "\", \"role\": \""
                                + role + "\"}").post(API + "/api/tokens").then().statusCode(201).extract()
                        .path("token"));
            }
            hers.add("Bearer " + given().header("Authorization", annJwt).contentType(ContentType.JSON)
                    .body("{\"name\": \"mine\"}").post(API + "/api/tokens").then().statusCode(201).extract()
                    .path("token"));
            for (String credential : hers) {
                given().header("Authorization", credential).post(API + "/api/deployments/" + id + "/approve").then()
                        .statusCode(403).body("detail", containsString(ann + " asked for this deployment"));
            }
            given().header("Authorization", "Bearer " + TestAuth.jwt("ben-" + project))
                    .post(API + "/api/deployments/" + id + "/approve").then().statusCode(202);
            assertEquals("ben-" + project, Platform.finished(id, Platform.WAIT).getString("approval.decidedBy"));
            // the audit names her, and the token she went through
            await().atMost(Platform.WAIT).untilAsserted(() -> given()
                    .get(API + "/api/projects/" + project + "/audit?actor=" + ann).then()
                    .body("entries.findAll { it.action == 'deployment.approve' }.outcome", hasItem("refused"))
                    .body("entries.findAll { it.action == 'deployment.approve' }.actorCredential",
                            hasItem(containsString("token:"))));
        }
    }

    @Test
    void aWebhookUrlIsCheckedWhollyWhenSubscribing() {
        String project = project("hooks");
        Platform.environment(project, "staging", "{}");
        for (String url : List.of("https://hooks.example.com:65536/x", "https://hooks.example.com:0/x",
                "https://hooks.example.com:99999/x", "https://hooks.example.com:-1/x", "https://hooks.example.com:ab/x",
                "http://[::1]:65536/x", "ftp://hooks.example.com/x", "file:///etc/passwd", "javascript:alert(1)",
                "gopher://hooks.example.com/x", "https://user:pw@hooks.example.com/x", "//hooks.example.com/x")) {
            Response answer = given().contentType(ContentType.JSON).body("{\"name\": \"hook\", \"channel\": \"webhook\","
                    + " \"url\": \"" + url + "\", \"secret\": \"s3cret-s3cret-s3cret\", \"kinds\": [\"succeeded\"]}")
                    .post(API + "/api/projects/" + project + "/subscriptions");
            assertProblem(answer, 400, "url");
        }
        given().get(API + "/api/projects/" + project + "/subscriptions").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aPathWithControlCharactersOrDotSegmentsIsA400AndNeverReachesALog() throws Exception {
        String project = project("paths");
        Platform.environment(project, "staging", "{\"settings\": {\"logLevel\": \"debug\"}}");
        String marker = "FORGED-" + UUID.randomUUID();
        HttpClient http = HttpClient.newHttpClient();
        for (String base : List.of(API, Platform.PIPELINE_WORKER)) {
            for (String bad : List.of("%00", "%0d%0a" + marker, "%1b%5b31m", "%7f", "%0A" + marker, "%09")) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/sites/" + project
                        + "/staging/a" + bad)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(400, answer.statusCode(), base + " " + bad + ": " + answer.body());
                assertTrue(answer.body().contains("\"field\":\"path\""), answer.body());
            }
        }
        String before = given().get(API + "/api/projects/" + project + "/environments/staging").then().statusCode(200)
                .extract().path("settings.logLevel");
        for (String segment : List.of("..", "%2e%2e", "%2E%2e", ".", "%2e")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(API + "/api/projects/" + project
                    + "/environments/staging/variables/" + segment)).header("Authorization", "Bearer " + TestAuth.admin())
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"value\": \"x\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, answer.statusCode(), segment + ": " + answer.body());
        }
        assertEquals(before, given().get(API + "/api/projects/" + project + "/environments/staging").then()
                .extract().path("settings.logLevel"), "the environment's settings are as they were");
        for (java.nio.file.Path log : List.of(java.nio.file.Path.of("../.shiplog/logs"), java.nio.file.Path.of(
                ".shiplog/logs"))) {
            if (java.nio.file.Files.isDirectory(log)) {
                try (var files = java.nio.file.Files.list(log)) {
                    for (java.nio.file.Path file : files.toList()) {
                        try (var lines = java.nio.file.Files.lines(file, StandardCharsets.ISO_8859_1)) {
                            assertFalse(lines.anyMatch(l -> l.startsWith(marker)), "a forged line in " + file);
                        }
                    }
                }
            }
        }
    }

    @Test
    void numbersAndBidirectionalControlsAreNotNamesAndProblemsShowNoInternals() {
        String project = project("names");
        Platform.environment(project, "staging", "{}");
        for (String body : List.of("{\"name\": 1e99999}", "{\"name\": -1e99999}", "{\"name\": 12.5}",
                "{\"name\": \"invoice\\u202etxt.exe\"}", "{\"name\": \"a\\u2066b\"}", "{\"name\": \"a\\u200fb\"}")) {
            assertProblem(given().contentType(ContentType.JSON).body(body).put(API + "/api/projects/" + project),
                    400, "name");
            assertProblem(given().contentType(ContentType.JSON).body(body.replace("}", ", \"projectId\": \"" + project
                    + "\", \"role\": \"viewer\"}")).post(API + "/api/tokens"), 400, "name");
        }
        assertProblem(given().contentType(ContentType.JSON).body("{\"projectId\": {}, \"environment\": [1]}")
                .post(API + "/api/deployments"), 400, null);
        assertProblem(given().contentType(ContentType.JSON).body("{\"bakeSeconds\": \"soon\"}")
                .put(API + "/api/projects/" + project + "/environments/staging"), 400, "bakeSeconds");
        assertEquals(List.of(), given().get(API + "/api/projects/" + project + "/tokens").then().statusCode(200)
                .extract().jsonPath().getList("name"), "no token was made");
    }

    @Test
    void aRefusedJwtIsNotEchoedBack() {
        String marker = "claim-" + UUID.randomUUID();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        for (String claims : List.of("{\"sub\": \"<script>" + marker + "</script>\", \"groups\": [\"shiplog-admin\"]}",
                "{\"sub\": \"ann\", \"exp\": 1, \"note\": \"" + marker + "\"}", "{\"iss\": \"" + marker + "\"}")) {
            String forged = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
            Response answer = given().header("Authorization", "Bearer " + forged).get(API + "/api/projects");
            assertProblem(answer, 401, null);
            assertFalse(answer.asString().contains(marker), answer.asString());
        }
        // a well signed one that breaks a rule: said in our words, not the token's
        Response expired = given().header("Authorization", "Bearer " + TestAuth.jwt("ann-" + marker, List.of(),
                java.time.Duration.ofMinutes(-5))).get(API + "/api/projects");
        assertProblem(expired, 401, null);
        assertFalse(expired.asString().contains(marker), expired.asString());
        assertTrue(expired.asString().contains("expired"), expired.asString());
    }

    @Test
    void anotherProjectsDeploymentIsAsUnknownAsOneThatNeverWas() {
        String project = project("theirs");
        Platform.environment(project, "staging", "{}");
        try (TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>theirs</h1>\n"))) {
            String id = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\":"
                    + " \"1\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"true\"}}",
                    UUID.randomUUID().toString());
            String stranger = "Bearer " + TestAuth.jwt("stranger-" + project);
            String unknown = UUID.randomUUID().toString();
            for (String[] call : new String[][] { { "GET", "" }, { "GET", "/logs" }, { "POST", "/cancel" },
                    { "POST", "/approve" }, { "POST", "/rollback" } }) {
                Response theirs = given().header("Authorization", stranger).request(call[0], API + "/api/deployments/"
                        + id + call[1]);
                Response none = given().header("Authorization", stranger).request(call[0], API + "/api/deployments/"
                        + unknown + call[1]);
                assertEquals(404, theirs.statusCode(), call[0] + call[1] + ": " + theirs.asString());
                assertEquals(none.statusCode(), theirs.statusCode(), call[0] + call[1]);
                assertFalse(theirs.asString().contains(project), "names the project: " + theirs.asString());
                assertEquals(none.asString().replace(unknown, "?"), theirs.asString().replace(id, "?"));
            }
        }
    }

    @Test
    void aProjectsRepositoryFollowsTheRulesOfADeploymentsSource() {
        String project = project("repo");
        Platform.environment(project, "staging", "{}");
        for (String url : List.of("file:///etc/passwd", "/etc", "/tmp/shiplog-git/../../etc", "http://127.0.0.1:8080/x",
                "https://localhost/x.git", "https://169.254.169.254/latest", "git://10.1.2.3/x", "ssh://[::1]/x",
                "-uhttps://x", "ext::sh -c id")) {
            assertProblem(given().contentType(ContentType.JSON).body("{\"name\": \"Repo\", \"repositoryUrl\": \"" + url
                    + "\"}").put(API + "/api/projects/" + project), 400, "repositoryUrl");
        }
        given().contentType(ContentType.JSON).body("{\"name\": \"Repo\", \"repositoryUrl\":"
                + " \"https://github.com/acme/" + project + ".git\"}").put(API + "/api/projects/" + project).then()
                .statusCode(202);
    }

    @Test
    void aDeploymentBuildsItsProjectsOwnRepositoryOnly() throws java.io.IOException {
        String owner = project("own");
        String other = project("take");
        String open = project("open");
        try (TestGitRepo own = TestGitRepo.create(owner, Map.of("index.html", "<h1>own</h1>\n"));
                TestGitRepo loose = TestGitRepo.create(open + "-loose", Map.of("index.html", "<h1>loose</h1>\n"))) {
            for (String project : List.of(owner, other, open)) {
                Platform.environment(project, "staging", "{}");
            }
            given().contentType(ContentType.JSON).body(Map.of("name", "Own", "repositoryUrl", own.path().toString()))
                    .put(API + "/api/projects/" + owner).then().statusCode(202);
            given().contentType(ContentType.JSON).body(Map.of("name", "Open", "repositoryUrl",
                    "https://github.com/acme/" + open + ".git", "allowOtherSources", true))
                    .put(API + "/api/projects/" + open).then().statusCode(202);
            await().atMost(Platform.WAIT).until(() -> own.path().toString().equals(given()
                    .get(API + "/api/projects/" + owner).then().extract().path("repositoryUrl")));
            // no other project takes the repository, however it is written
            assertProblem(given().contentType(ContentType.JSON).body(Map.of("name", "Take", "repositoryUrl",
                    own.path() + "/")).put(API + "/api/projects/" + other), 409, "repositoryUrl");
            assertProblem(given().contentType(ContentType.JSON).body(Map.of("name", "Take", "repositoryUrl", "file://"
                    + own.path())).put(API + "/api/projects/" + other), 409, "repositoryUrl");
            // its own deployments build it, and nothing else
            refused(owner, loose.path().toString(), "must be project " + owner + "'s repositoryUrl");
            String built = Platform.deploy("{\"projectId\": \"" + owner + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\"}", owner);
            assertEquals("success", Platform.finished(built, Platform.WAIT).getString("status"));
            // nobody else's deployment builds it, however it is written (through a link too), not even a project
            // allowing other sources
            java.nio.file.Path link = own.path().resolveSibling(owner + "-link");
            java.nio.file.Files.createSymbolicLink(link, own.path());
            try {
                for (String project : List.of(other, open)) {
                    for (String url : List.of(own.path().toString(), own.path() + "/", "file://" + own.path(),
                            link.toString())) {
                        refused(project, url, "is another project's repository");
                    }
                }
                // nor does a project take it through the link
                assertProblem(given().contentType(ContentType.JSON).body(Map.of("name", "Take", "repositoryUrl",
                        link.toString())).put(API + "/api/projects/" + other), 409, "repositoryUrl");
            } finally {
                java.nio.file.Files.deleteIfExists(link);
            }
            // a project allowing other sources builds one that no project has
            String elsewhere = Platform.deploy("{\"projectId\": \"" + open + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + loose.path() + "\"}", open);
            assertEquals("success", Platform.finished(elsewhere, Platform.WAIT).getString("status"));
        }
    }

    /** Waits until the gateway knows the project's sources, then sees the deployment of {@code gitUrl} refused. */
    static void refused(String project, String gitUrl, String rule) {
        String body = "{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"1\","
                + " \"gitUrl\": \"" + gitUrl + "\"}";
        Response answer = await().atMost(Platform.WAIT).until(() -> given().contentType(ContentType.JSON).body(body)
                .post(API + "/api/deployments"), r -> r.statusCode() == 400 && r.asString().contains(rule));
        assertProblem(answer, 400, "gitUrl");
    }

    @Test
    void anUploadedArchiveIsItsProjectsOnly() {
        String theirs = project("src-b");
        String ours = project("src-a");
        Platform.environment(theirs, "staging", "{}");
        Platform.environment(ours, "staging", "{}");
        member(ours, "dev-" + ours, "deployer");
        byte[] archive = dev.shiplog.testing.TestArchives.tarGz(java.nio.file.Path.of("target", "archives"),
                Map.of("index.html", "<h1>" + theirs + "</h1>\n"));
        String archiveId = given().contentType("application/gzip").queryParam("projectId", theirs).body(archive)
                .post(API + "/api/sources").then().statusCode(201).extract().path("archiveId");
        String dev = "Bearer " + TestAuth.jwt("dev-" + ours);
        // their id, an id never uploaded, and the same id in another form: each as unknown as the others
        for (String id : List.of(archiveId, "0".repeat(64), archiveId.toUpperCase())) {
            Response answer = given().header("Authorization", dev).contentType(ContentType.JSON).body("{\"projectId\": \""
                    + ours + "\", \"environment\": \"staging\", \"version\": \"1\", \"archiveId\": \"" + id + "\"}")
                    .post(API + "/api/deployments");
            assertProblem(answer, 400, "archiveId");
        }
        // uploading for a project one has no role in is refused before the body is read
        given().header("Authorization", dev).contentType("application/gzip").queryParam("projectId", theirs)
                .body(archive).post(API + "/api/sources").then().statusCode(403);
        // the same bytes uploaded for their own project are theirs to deploy
        String own = given().header("Authorization", dev).contentType("application/gzip").queryParam("projectId", ours)
                .body(archive).post(API + "/api/sources").then().statusCode(201).extract().path("archiveId");
        assertEquals(archiveId, own);
        given().header("Authorization", dev).contentType(ContentType.JSON).body("{\"projectId\": \"" + ours
                + "\", \"environment\": \"staging\", \"version\": \"1\", \"archiveId\": \"" + own + "\"}")
                .post(API + "/api/deployments").then().statusCode(202);
    }

    @Test
    void anEnvironmentTakesAtMostItsCapOfWaitingDeploymentsButARollbackAlways() {
        String project = project("cap");
        Platform.environment(project, "production", "{\"approvalRequired\": true}");
        try (TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>cap</h1>\n"))) {
            String body = "{\"projectId\": \"" + project + "\", \"environment\": \"production\", \"version\": \"%d\","
                    + " \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"true\"}}";
            Platform.deploy(String.format(body, 0), UUID.randomUUID().toString());
            Response refused = null;
            for (int i = 1; i <= 60 && refused == null; i++) {
                Response answer = given().contentType(ContentType.JSON).body(String.format(body, i))
                        .post(API + "/api/deployments");
                if (answer.statusCode() != 202) {
                    refused = answer;
                }
            }
            assertTrue(refused != null, "60 deployments waited in one environment");
            assertProblem(refused, 409, "environment");
            assertTrue(refused.jsonPath().getString("detail").contains("shiplog.limits.max-waiting = 50"),
                    refused.asString());
            given().get(API + "/api/projects/" + project + "/deployments?environment=production&status=pending&size=1")
                    .then().statusCode(200).body("total", equalTo(50));
        }
    }
}
