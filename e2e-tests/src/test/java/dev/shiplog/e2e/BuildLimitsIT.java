package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestGitRepo;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Builds that go past what they may use: memory (two ways), processes, disk (one big file, many small ones) and CPU,
 * each in an environment that sets its own {@code buildLimits}, and one that the platform's defaults hold. Each
 * failed build names the limit it went past and where that limit was set; CPU holds a build back and says so;
 * nothing of them is left running. And a build sees its own local repository only: the local roots cannot be
 * listed, another project's repository is not there.
 */
class BuildLimitsIT {

    record Case(String name, String settings, String command, String expected) {
    }

    @Test
    void aBuildPastItsLimitsFailsNamingTheLimit() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<Case> cases = List.of(
                new Case("memory-bash", "{\"memoryMb\": 64}",
                        "x=$(head -c 300000000 /dev/zero | tr '\\\\0' a); echo ${#x}",
                        "memory limit of 64 MiB (set by the environment's settings.buildLimits.memoryMb)"),
                new Case("memory-python", "{\"memoryMb\": 96}", "python3 -c 'x = bytearray(400 << 20)'",
                        "memory limit of 96 MiB (set by the environment's settings.buildLimits.memoryMb)"),
                new Case("processes", "{\"processes\": 16}", "python3 fork.py",
                        "limit of 16 processes at once (set by the environment's settings.buildLimits.processes)"),
                new Case("disk-one-file", "{\"diskMb\": 16}", "head -c 100000000 /dev/zero > big",
                        "disk limit of 16 MiB (set by the environment's settings.buildLimits.diskMb)"),
                new Case("disk-many-files", "{\"diskMb\": 16}",
                        "for i in $(seq 40); do head -c 1000000 /dev/zero > f$i; done; sleep 60",
                        "disk limit of 16 MiB (set by the environment's settings.buildLimits.diskMb)"),
                new Case("default-processes", null, "python3 fork.py 400",
                        "limit of 256 processes at once (the platform's default, shiplog.build.limits.processes;"
                                + " an environment sets its own with settings.buildLimits.processes)"));
        Map<Case, String> started = new LinkedHashMap<>();
        try (TestGitRepo repo = TestGitRepo.create("limits-" + suffix, Map.of("index.html", "<h1>limits</h1>\n",
                "fork.py", String.join("\n", "import os, sys, time",
                        "for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 100):",
                        "    if os.fork() == 0:",
                        "        time.sleep(20)",
                        "        os._exit(0)", "")))) {
            for (Case c : cases) {
                String project = "lim-" + c.name() + "-" + suffix;
                Platform.environment(project, "staging", c.settings() == null ? "{}"
                        : "{\"settings\": {\"buildLimits\": " + c.settings() + "}}");
                started.put(c, Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                        + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \""
                        + c.command().replace("\"", "\\\"") + "\"}}", c.name()));
            }
            for (var entry : started.entrySet()) {
                JsonPath done = Platform.finished(entry.getValue(), Platform.WAIT.multipliedBy(2));
                String log = log(entry.getValue());
                assertEquals("failed", done.getString("status"), entry.getKey().name() + ": " + log);
                assertTrue(done.getString("failureReason").contains(entry.getKey().expected()),
                        entry.getKey().name() + ": " + done.getString("failureReason"));
                assertTrue(log.contains("limits: memory "), log);
            }
        }
        // nothing of them is left: each run's control group (which held every process of it) is gone
        for (String id : started.values()) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> groupsOf(id).isEmpty());
        }
    }

    /** The control groups of the deployment's runs still there (cgroup v1 pids, where the worker makes them). */
    static List<java.nio.file.Path> groupsOf(String deploymentId) throws java.io.IOException {
        java.nio.file.Path pids = java.nio.file.Path.of("/sys/fs/cgroup/pids");
        if (!java.nio.file.Files.isDirectory(pids)) {
            return List.of();
        }
        try (var found = java.nio.file.Files.find(pids, 6, (path, attributes) -> attributes.isDirectory()
                && path.getFileName().toString().startsWith(deploymentId + "-"))) {
            return found.toList();
        }
    }

    @Test
    void aBuildPastItsCpuIsHeldBackAndSaysSo() throws Exception {
        String project = "lim-cpu-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>cpu</h1>\n"))) {
            Platform.environment(project, "staging", "{\"settings\": {\"buildLimits\": {\"cpus\": 0.1}}}");
            String id = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\":"
                    + " \"timeout 4 sh -c 'while :; do :; done' || true\"}}", "cpu");
            JsonPath done = Platform.finished(id, Platform.WAIT);
            String log = log(id);
            assertEquals("success", done.getString("status"), log);
            assertTrue(log.contains("the build was held to 0.1 CPU (set by the environment's"
                    + " settings.buildLimits.cpus) for "), log);
        }
    }

    @Test
    void aBuildSeesItsOwnRepositoryOnly() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (TestGitRepo other = TestGitRepo.create("other-" + suffix, Map.of("secret.txt", "other's code\n"));
                TestGitRepo own = TestGitRepo.create("own-" + suffix, Map.of("index.html", "<h1>own</h1>\n"))) {
            String project = "own-" + suffix;
            Platform.environment(project, "staging", "{}");
            // printf: the command line the log shows first holds no "== name" of its own
            String script = String.join("; ", "exec 2>&1",
                    "printf '== %s\\\\n' roots; ls " + TestGitRepo.ROOT,
                    "printf '== %s\\\\n' other; ls " + other.path() + "; cat " + other.path() + "/secret.txt",
                    "printf '== %s\\\\n' own; ls " + own.path() + " | head -n 3", "printf '== %s\\n' end");
            String id = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + own.path() + "\", \"config\": {\"buildCommand\": \""
                    + script.replace("\"", "\\\"") + "\"}}", "own");
            JsonPath done = Platform.finished(id, Platform.WAIT);
            String log = log(id);
            assertEquals("success", done.getString("status"), log);
            assertTrue(BuildIsolationIT.section(log, "roots").contains("Permission denied"), log);
            String seen = BuildIsolationIT.section(log, "other");
            assertTrue(seen.contains("No such file or directory"), seen);
            assertFalse(seen.contains("other's code"), seen);
            assertTrue(BuildIsolationIT.section(log, "own").contains("index.html"), log);
        }
    }

    static String log(String id) {
        return given().get(Platform.DEPLOYMENT_API + "/api/deployments/" + id + "/logs").then().statusCode(200)
                .extract().jsonPath().getList("chunks.text", String.class).stream().collect(Collectors.joining());
    }
}
