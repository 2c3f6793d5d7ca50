package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestGitRepo;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as developers and scripts run it: the real jar ({@code cli/target/shiplog-cli.jar}, which
 * {@code mvn install} builds before this module) in a process of its own against the packaged platform. Its exit
 * codes are the contract: 0 for a deployment that succeeded, 1 for one that failed, 3 refused, 4 timed out, 5 no
 * gateway, 2 a wrong command line; {@code --json} is one document that parses. (Each command's rules, case by case:
 * the cli module's own tests, in milliseconds.)
 */
class CliIT {

    static final Path JAR = Components.ROOT.resolve("cli/target/shiplog-cli.jar");
    static final Path RUNS = Components.ROOT.resolve("e2e-tests/target/cli-runs");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BUILD = "mkdir -p dist && sed s/VERSION/$V/ index.html > dist/index.html && echo built $V";

    final String project = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    final TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>" + project + " VERSION</h1>\n"));

    @TempDir
    Path config;

    /** One run of the command: its exit code, stdout and stderr. */
    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not one JSON document: " + this, e);
            }
        }
    }

    Run shiplog(String... args) {
        return shiplog(Map.of("SHIPLOG_TOKEN", TestAuth.admin()), null, args);
    }

    /** {@code java -jar shiplog-cli.jar args} with the gateway's URL, {@code env} and {@code stdin}. */
    Run shiplog(Map<String, String> env, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(RUNS);
            Path out = Files.createTempFile(RUNS, project, ".out");
            Path err = Files.createTempFile(RUNS, project, ".err");
            Path in = Files.writeString(Files.createTempFile(RUNS, project, ".in"), stdin == null ? "" : stdin);
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(in.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("SHIPLOG_"));
            builder.environment().put("SHIPLOG_URL", Platform.DEPLOYMENT_API);
            builder.environment().put("XDG_CONFIG_HOME", config.toString());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(Platform.WAIT.toSeconds() + 30, TimeUnit.SECONDS)) { // past any --timeout given
                process.destroyForcibly();
                throw new AssertionError("shiplog " + String.join(" ", args) + " did not end; see " + out);
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Run deploy(String environment, String version, String buildCommand, String... more) {
        List<String> args = new ArrayList<>(List.of("deploy", "-p", project, "-e", environment, "--version", version,
                "--git-url", repo.path().toString(), "--build-command", buildCommand, "--output-dir", "dist", "--var",
                "V=" + version));
        args.addAll(List.of(more));
        return shiplog(args.toArray(String[]::new));
    }

    @Test
    void deployFollowExitsZeroForAGoodBuildAndOneForAFailingOneAndRollbackRestoresThePreviousRelease()
            throws IOException {
        Platform.environment(project, "staging", "{}");

        Run v1 = deploy("staging", "v1", BUILD, "--follow", "--timeout", "90s");
        assertEquals(0, v1.exit(), v1.toString());
        assertTrue(v1.out().contains("built v1"), "the build's log, streamed: " + v1);
        assertTrue(v1.err().contains("shiplog: success: "), v1.toString());

        // the second from a plain directory of the same sources, packed and uploaded by the CLI
        Path sources = Files.createDirectories(RUNS.resolve(project + "-dir"));
        Files.writeString(sources.resolve("index.html"), "<h1>" + project + " VERSION</h1>\n");
        Run v2 = shiplog("deploy", "-p", project, "-e", "staging", "--version", "v2", "--dir", sources.toString(),
                "--build-command", BUILD, "--output-dir", "dist", "--var", "V=v2", "--json", "--follow", "--timeout",
                "90s");
        assertEquals(0, v2.exit(), v2.toString());
        JsonNode second = v2.json();
        assertEquals("success", second.path("status").asText(), second.toString());

        Run broken = deploy("staging", "v3", "echo broken >&2; exit 3", "--follow", "--timeout", "90s");
        assertEquals(1, broken.exit(), broken.toString());
        assertTrue(broken.err().contains("broken") && broken.err().contains("shiplog: failed: "), broken.toString());

        // the environment's live release, as the gateway's history shows it, is v2: roll it back
        await().atMost(Platform.WAIT).untilAsserted(() -> given().get(Platform.DEPLOYMENT_API + "/api/projects/"
                + project + "/environments/staging/releases").then().body("releases[0].deploymentId",
                        equalTo(second.path("id").asText())));
        Run back = shiplog("--json", "rollback", "-p", project, "-e", "staging", "--reason", "v2 is broken",
                "--follow", "--timeout", "90s");
        assertEquals(0, back.exit(), back.toString());
        JsonNode rollback = back.json();
        assertEquals("rollback", rollback.path("kind").asText());
        assertEquals("v1", rollback.path("version").asText());
        await().atMost(Platform.WAIT).untilAsserted(() -> given().get(Platform.DEPLOYMENT_API + "/api/projects/"
                + project + "/environments/staging").then().statusCode(200).body("currentVersion", equalTo("v1"))
                .body("currentDeployment", equalTo(rollback.path("id").asText())));
        given().get(rollback.path("environmentUrl").asText()).then().body(containsString(project + " v1"));

        // every listing parses as JSON, and says the same
        JsonNode releases = shiplog("releases", project, "staging", "--json").json();
        assertEquals(rollback.path("id").asText(), releases.path("releases").path(0).path("deploymentId").asText());
        assertEquals("v1", shiplog("envs", project, "--json").json().path(0).path("currentVersion").asText());
        String v1Id = rollback.path("restores").asText();
        assertEquals("success", shiplog("status", v1Id, "--json").json().path("status").asText());
        Run open = shiplog("open", project, "staging", "--no-browser");
        assertEquals(rollback.path("environmentUrl").asText() + "\n", open.out(), open.toString());
    }

    /** Exit codes of a timeout and a refusal, cancel: in the soak ring (unit tests hold the mapping). */
    @Test
    @org.junit.jupiter.api.Tag("soak")
    void aDeploymentWaitingForAnApprovalTimesOutIsRefusedItsRequestersApprovalAndIsCancelled() {
        Platform.environment(project, "production", "{\"approvalRequired\": true}");

        Run waiting = deploy("production", "w1", BUILD, "--json", "--follow", "--timeout", "2s");
        assertEquals(4, waiting.exit(), waiting.toString());
        JsonNode last = waiting.json(); // the deployment as last seen
        assertEquals("pending", last.path("status").asText(), last.toString());
        String id = last.path("id").asText();

        Run approve = shiplog("approve", id);
        assertEquals(3, approve.exit(), approve.toString());
        assertTrue(approve.err().startsWith("shiplog: refused: 403"), approve.toString());
        given().contentType(io.restassured.http.ContentType.JSON).body("{\"role\": \"maintainer\"}")
                .put(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/members/ben-" + project)
                .then().statusCode(200);
        Run second = deploy("production", "w2", BUILD, "--json");
        assertEquals(0, second.exit(), second.toString());
        String w2 = second.json().path("id").asText();
        Run reject = shiplog(Map.of("SHIPLOG_TOKEN", TestAuth.jwt("ben-" + project)), null, "--json", "reject", w2,
                "--reason", "not this one");
        assertEquals(0, reject.exit(), reject.toString());
        assertEquals(w2, reject.json().path("id").asText(), reject.toString());
        await().atMost(Platform.WAIT).untilAsserted(() -> given().get(Platform.DEPLOYMENT_API + "/api/deployments/"
                + w2).then().body("approval.status", equalTo("rejected")).body("approval.decidedBy",
                        equalTo("ben-" + project)));
        assertEquals(0, shiplog("cancel", id, "--reason", "not today").exit());
        await().atMost(Platform.WAIT).untilAsserted(() -> given().get(Platform.DEPLOYMENT_API + "/api/deployments/"
                + id).then().body("status", equalTo("cancelled")));
        Run again = shiplog("--json", "cancel", id);
        assertEquals(3, again.exit(), again.toString());
        assertEquals(409, again.json().path("status").asInt(), "the problem, as the API sent it");
    }

    /** The configuration file, an unreachable gateway, every --help as a process: in the soak ring. */
    @Test
    @org.junit.jupiter.api.Tag("soak")
    void loginKeepsTheTokenForItsOwnerOnlyAndEveryCommandHasAHelp() throws Exception {
        Platform.environment(project, "staging", "{}");
        Run login = shiplog(Map.of(), TestAuth.admin() + "\n", "login", "--token-stdin");
        assertEquals(0, login.exit(), login.toString());
        Path file = config.resolve("shiplog/config");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Run envs = shiplog(Map.of(), null, "envs", project); // the token from the file
        assertEquals(0, envs.exit(), envs.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Run refused = shiplog(Map.of(), null, "envs", project);
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("chmod 600"), refused.toString());

        assertEquals(2, shiplog("status", "../../admin/rebuild").exit());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertEquals(5, shiplog("--url", "http://127.0.0.1:" + port, "status", "d1").exit());
        List.of("", "login", "deploy", "status", "logs", "cancel", "rollback", "promote", "approve", "envs",
                "releases", "open", "completion").parallelStream().forEach(command -> {
                    Run help = command.isEmpty() ? shiplog("--help") : shiplog(command, "--help");
                    assertEquals(0, help.exit(), help.toString());
                    assertTrue(help.out().contains("Exit codes:"), help.toString());
                });
    }
}
