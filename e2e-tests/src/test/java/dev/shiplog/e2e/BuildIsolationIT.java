package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A build, tried as a hostile user would: it prints its environment, runs {@code id}, reads {@code /etc/shadow},
 * {@code .shiplog/} and the platform's configuration, writes into another project's live release, and calls the
 * platform's own services. It runs as an unprivileged user of its own, sees nothing of the platform's credentials,
 * and gets "Permission denied" for each file; the other project's site is untouched.
 */
class BuildIsolationIT {

    static final Path REPO_ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void aHostileBuildSeesNoCredentialsIsNotRootAndIsDeniedEverything() throws IOException {
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        TestGitRepo site = TestGitRepo.create(victim, Map.of("index.html", "<h1>untouched</h1>\n"));
        Platform.environment(victim, "staging", "{}");
        String victimId = Platform.deploy("{\"projectId\": \"" + victim + "\", \"environment\": \"staging\","
                + " \"version\": \"1\", \"gitUrl\": \"" + site.path() + "\"}", "victim");
        JsonPath live = Platform.finished(victimId, Platform.WAIT);
        assertEquals("success", live.getString("status"), live.prettify());
        Path release = REPO_ROOT.resolve(".shiplog/pipeline/runtime/releases/" + victimId);

        String attacker = "attacker-" + UUID.randomUUID().toString().substring(0, 8);
        String root = REPO_ROOT.toString();
        String script = String.join("\n",
                "exec 2>&1", // one stream: what a section printed stays in that section of the log
                "echo \"== id: $(id)\"",
                "echo '== env'; env",
                "echo '== shadow'; cat /etc/shadow 2>&1",
                "echo '== state'; ls " + root + "/.shiplog 2>&1",
                "echo '== secrets'; cat " + root + "/.shiplog/secrets/admin-token 2>&1",
                "echo '== config'; cat " + root + "/deployment-api/src/main/resources/application.properties 2>&1",
                "echo '== release'; echo pwned > " + release + "/index.html 2>&1",
                "echo '== proc'; cat /proc/1/environ 2>&1 | tr '\\0' '\\n' | head -n 3",
                "echo '== postgres'; (exec 3<>/dev/tcp/127.0.0.1/15432) 2>&1",
                "echo '== gateway'; (exec 3<>/dev/tcp/127.0.0.1/8080) 2>&1",
                "echo '== root'; ls /root 2>&1",
                "echo '== end'");
        TestGitRepo repo = TestGitRepo.create(attacker, Map.of("build.sh", script + "\n"));
        Platform.environment(attacker, "staging", "{}");
        String id = Platform.deploy("{\"projectId\": \"" + attacker + "\", \"environment\": \"staging\","
                + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\":"
                + " \"bash build.sh\", \"environmentVariables\": {\"MINE\": \"visible\"}}}", "attack");
        Platform.finished(id, Platform.WAIT);
        String log = given().get(Platform.DEPLOYMENT_API + "/api/deployments/" + id + "/logs").then().statusCode(200)
                .extract().jsonPath().getList("chunks.text", String.class).stream().collect(Collectors.joining());

        assertTrue(log.contains("== end"), log);
        assertTrue(log.contains("== id: uid=") && !log.contains("uid=0("), "the build ran as root: " + log);
        assertTrue(log.contains("MINE=visible"), "the deployment's own variables are there: " + log);
        for (String section : List.of("shadow", "state", "secrets", "config", "release", "root")) {
            String part = section(log, section);
            assertTrue(part.contains("Permission denied"), section + ": " + part);
        }
        for (String service : List.of("postgres", "gateway")) { // the platform's own loopback is not the build's
            String part = section(log, service);
            assertTrue(part.contains("refused") || part.contains("unreachable"), service + ": " + part);
        }
        for (String secret : secrets()) {
            assertFalse(log.contains(secret), "a platform credential is in the build's log");
        }
        assertEquals("<h1>untouched</h1>\n", Files.readString(release.resolve("index.html")));
        given().get(live.getString("environmentUrl")).then().statusCode(200).body(containsString("untouched"));
    }

    /**
     * A build's variables are its own: BASH_ENV and LD_PRELOAD, which would make bash or the dynamic loader run the
     * attacker's file in a process of the sandbox that runs as root, reach only the build's own processes.
     */
    @Test
    void variablesThatWouldSteerARootProcessReachOnlyTheBuild() throws IOException {
        String project = "steer-" + UUID.randomUUID().toString().substring(0, 8);
        Path payload = Path.of("/tmp", project + ".sh");
        Path ran = Path.of("/tmp", project + ".ran");
        Files.writeString(payload, "id -u > " + ran + "\n");
        try {
            TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>steer</h1>\n"));
            Platform.environment(project, "staging", "{}");
            String id = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\":"
                    + " \"echo \\\"got BASH_ENV=$BASH_ENV\\\"\", \"environmentVariables\": {\"BASH_ENV\": \"" + payload
                    + "\", \"ENV\": \"" + payload + "\", \"LD_PRELOAD\": \"/nonexistent/steer.so\"}}}", "steer");
            JsonPath done = Platform.finished(id, Platform.WAIT);
            String log = given().get(Platform.DEPLOYMENT_API + "/api/deployments/" + id + "/logs").then()
                    .statusCode(200).extract().jsonPath().getList("chunks.text", String.class).stream()
                    .collect(Collectors.joining());
            assertEquals("success", done.getString("status"), log);
            assertTrue(log.contains("got BASH_ENV=" + payload), "the build has its variable: " + log);
            assertFalse(Files.exists(ran), "a process outside the build ran the build's BASH_ENV as uid "
                    + (Files.exists(ran) ? Files.readString(ran).trim() : "?"));
        } finally {
            Files.deleteIfExists(payload);
            Files.deleteIfExists(ran);
        }
    }

    /** What the build printed after "== name" and before the next section. */
    static String section(String log, String name) {
        int start = log.indexOf("== " + name);
        int end = log.indexOf("\n== ", start + 1);
        return start < 0 ? "" : log.substring(start, end < 0 ? log.length() : end);
    }

    /** Every credential the platform keeps (.shiplog/secrets), and the admin token's hash. */
    static List<String> secrets() throws IOException {
        try (Stream<Path> files = Files.list(TestAuth.platformSecrets())) {
            List<String> values = new java.util.ArrayList<>(files.filter(f -> !f.toString().endsWith(".pem"))
                    .map(f -> {
                        try {
                            return Files.readString(f).trim();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).filter(v -> v.length() >= 16).toList());
            values.add(TestAuth.adminSha256());
            return values;
        }
    }
}
