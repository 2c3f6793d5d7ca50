package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Server applications on the running platform: a Node.js server (its standard library only) deployed, deployed again
 * and rolled back while a client keeps asking the environment's URL (zero failed requests, every answer wholly from
 * one release); its variables, secret (masked in its runtime log) and log level; three instances answering; a
 * WebSocket through both proxies; a crash restarted and reported (its runtime log, the environment view); releases
 * that exit at once, fork and exit, never listen or fail their health check never serving, one that ignores SIGTERM
 * killed; an instance held to its environment's limits; one printing a gigabyte; auto-scaling; its domain. The worker killed under a running application: {@link ApplicationRestartIT}.
 */
class ApplicationsIT {

    static final String SERVER = String.join("\n",
            "const http = require('http');",
            "const v = process.env.APP_VERSION;",
            "console.log('version ' + v + ' starting with token=' + process.env.API_TOKEN);",
            "if (process.env.APP_IGNORE_TERM) process.on('SIGTERM', () => console.log('ignoring SIGTERM'));",
            "const server = http.createServer((req, res) => {",
            "  const url = new URL(req.url, 'http://x');",
            "  if (url.pathname === '/crash') { res.end('bye'); setTimeout(() => process.exit(3), 20); return; }",
            "  if (url.pathname === '/eat') { const kept = []; res.end('eating');",
            "    setInterval(() => kept.push(Buffer.alloc(16 * 1024 * 1024, 1)), 5); return; }",
            "  if (url.pathname === '/print') { const line = 'x'.repeat(1023) + '\\n';",
            "    let left = Number(url.searchParams.get('mb')) * 1024;",
            "    const more = () => { while (left > 0) { left--; if (!process.stdout.write(line)) {",
            "      process.stdout.once('drain', more); return; } } res.end('printed'); }; more(); return; }",
            "  if (url.pathname === '/health' && process.env.APP_HEALTH === 'broken') { res.statusCode = 500;"
                    + " res.end('broken'); return; }",
            "  if (url.pathname === '/env') { res.setHeader('content-type', 'application/json');",
            "    res.end(JSON.stringify({greeting: process.env.GREETING, token: process.env.API_TOKEN,",
            "      logLevel: process.env.SHIPLOG_LOG_LEVEL, environment: process.env.SHIPLOG_ENVIRONMENT,",
            "      domain: process.env.SHIPLOG_DOMAIN || null, path: req.url,",
            "      forwardedPrefix: req.headers['x-forwarded-prefix'] || null})); return; }",
            "  if (req.method === 'POST') { let n = 0; req.on('data', c => n += c.length);",
            "    req.on('end', () => res.end('received ' + n)); return; }",
            "  const delay = Number(url.searchParams.get('delay') || 0);",
            "  setTimeout(() => res.end('version=' + v + ' release=' + process.env.SHIPLOG_RELEASE + ' instance='"
                    + " + process.env.SHIPLOG_INSTANCE), delay);",
            "});",
            "server.on('upgrade', (req, socket) => {",
            "  const accept = require('crypto').createHash('sha1').update(req.headers['sec-websocket-key']"
                    + " + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');",
            "  socket.write('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n'"
                    + " + 'Sec-WebSocket-Accept: ' + accept + '\\r\\n\\r\\n');",
            "  const text = Buffer.from('hello over a websocket from version ' + v);",
            "  socket.write(Buffer.concat([Buffer.from([0x81, text.length]), text]));",
            "});",
            "server.listen(Number(process.env.PORT));", "");

    /** The server, and a page for when the environment serves a site again. */
    static final Map<String, String> FILES = Map.of("server.js", SERVER, "index.html", "<h1>a site</h1>\n");

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    String deploy(String project, TestGitRepo repo, String version, String extraConfig) {
        String id = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \""
                + version + "\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"startCommand\": \"node"
                + " server.js\", \"healthCheckPath\": \"/health\", \"environmentVariables\": {\"APP_VERSION\": \""
                + version + "\"" + extraConfig + "}}}", project + "-" + version);
        return id;
    }

    /**
     * The environment serves a static site from now on, so its application stops (and frees its slots: a test
     * leaves no application running behind it).
     */
    void replaceWithASite(String project, TestGitRepo repo) {
        succeeded(Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\":"
                + " \"site\", \"gitUrl\": \"" + repo.path() + "\"}", project + "-site"));
    }

    JsonPath succeeded(String id) {
        JsonPath done = Platform.finished(id, Platform.WAIT);
        assertEquals("success", done.getString("status"), done.prettify());
        return done;
    }

    /** A GET written on the socket as it is, path included; returns the whole answer (its head and body). */
    static String rawGet(String path, String host) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", 8080)) {
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The environment as the environment view shows it. */
    static JsonPath view(String project) {
        return given().get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments/staging").then()
                .statusCode(200).extract().jsonPath();
    }

    String runtimeLog(String id) {
        return given().get(Platform.DEPLOYMENT_API + "/api/deployments/" + id + "/logs?stream=runtime").then()
                .statusCode(200).extract().jsonPath().getList("chunks.text", String.class).stream()
                .collect(Collectors.joining());
    }

    @Test
    void blueGreenAndRollbackWithoutAFailedRequestAndEveryAnswerFromOneRelease() throws Exception {
        String project = "app-bg-" + suffix;
        String secret = "s3cr3t-" + UUID.randomUUID().toString().replace("-", "");
        String domain = "app-" + suffix + ".example.test";
        Platform.environment(project, "staging", "{\"settings\": {\"logLevel\": \"debug\", \"domain\": \"" + domain
                + "\"}}");
        String env = Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments/staging";
        given().contentType(ContentType.JSON).body(Map.of("value", secret, "secret", true))
                .put(env + "/variables/API_TOKEN").then().statusCode(202);
        given().contentType(ContentType.JSON).body(Map.of("value", "hello")).put(env + "/variables/GREETING")
                .then().statusCode(202);
        try (TestGitRepo repo = TestGitRepo.create(project, FILES)) {
            JsonPath v1 = succeeded(deploy(project, repo, "1", ""));
            String url = v1.getString("environmentUrl");

            // what the application sees, through the gateway
            JsonPath seen = given().get(url + "env?x=1").then().statusCode(200).extract().jsonPath();
            assertEquals("hello", seen.getString("greeting"));
            assertEquals(secret, seen.getString("token"));
            assertEquals("debug", seen.getString("logLevel"));
            assertEquals("staging", seen.getString("environment"));
            assertEquals(domain, seen.getString("domain"));
            assertEquals("/env?x=1", seen.getString("path"));
            assertEquals("/sites/" + project + "/staging", seen.getString("forwardedPrefix"));
            given().contentType(ContentType.TEXT).body("x".repeat(100_000)).post(url + "upload").then()
                    .statusCode(200).body(org.hamcrest.Matchers.equalTo("received 100000"));
            // its domain, as an edge would send it: the same release at /
            String byDomain = given().header("Host", domain).get(Platform.DEPLOYMENT_API + "/").then()
                    .statusCode(200).extract().asString();
            assertTrue(byDomain.startsWith("version=1 release=" + v1.getString("id")), byDomain);
            // dot segments in a domain's request are refused at the edge (sent raw: HTTP clients remove them)
            String raw = rawGet("/../../q/health", domain);
            assertTrue(raw.startsWith("HTTP/1.1 400") && raw.contains("must not contain . or .. segments"), raw);
            // its output is the runtime stream, the secret masked
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> runtimeLog(v1.getString("id")).contains("starting with token=***"));
            assertFalse(runtimeLog(v1.getString("id")).contains(secret));

            // a client asks all the time, slow requests among them, while v2 goes live and v1 comes back
            AtomicBoolean asking = new AtomicBoolean(true);
            AtomicInteger answers = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            Set<String> versions = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<Thread> clients = new java.util.ArrayList<>();
            for (int c = 0; c < 3; c++) {
                int delay = c == 0 ? 300 : 0;
                Thread t = new Thread(() -> {
                    while (asking.get()) {
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "?delay="
                                    + delay)).timeout(Duration.ofSeconds(20)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            String release = r.headers().firstValue("X-Shiplog-Release").orElse("?");
                            if (r.statusCode() != 200 || !r.body().contains(" release=" + release + " ")) {
                                failures.add(r.statusCode() + " " + release + " " + r.body());
                            } else {
                                versions.add(r.body().substring(0, r.body().indexOf(' ')));
                                answers.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            JsonPath v2 = succeeded(deploy(project, repo, "2", ""));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> versions.contains("version=2"));
            JsonPath back = ReleasesIT.rollback(v2.getString("id"), "{\"targetDeploymentId\": \""
                    + v1.getString("id") + "\", \"reason\": \"test\"}");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get(url).asString()
                    .startsWith("version=1 release=" + back.getString("id")));
            asking.set(false);
            for (Thread t : clients) {
                t.join();
            }
            assertEquals(List.of(), List.copyOf(failures), "failed requests during the switches");
            assertTrue(answers.get() > 20, "answers: " + answers.get());
            assertEquals(Set.of("version=1", "version=2"), versions);

            // the rollback pinned the environment
            given().contentType(ContentType.JSON).body("{\"reason\": \"v1 is back\"}").post(env + "/unpin").then()
                    .statusCode(202);
            // a release that exits at once never serves; v1 serves on
            JsonPath exits = Platform.finished(Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\":"
                    + " \"staging\", \"version\": \"3\", \"gitUrl\": \"" + repo.path() + "\", \"config\":"
                    + " {\"startCommand\": \"echo leaving; exit 7\"}}", project + "-3"), Platform.WAIT);
            assertEquals("failed", exits.getString("status"));
            assertTrue(exits.getString("failureReason").contains("exited with code 7 before it listened on PORT"),
                    exits.getString("failureReason"));
            assertTrue(exits.getString("failureReason").contains("leaving"), exits.getString("failureReason"));
            replaceWithASite(project, repo);
        }
    }

    @Test
    void threeInstancesAnswerAndACrashedOneIsStartedAgain() throws Exception {
        String project = "app-three-" + suffix;
        Platform.environment(project, "staging", "{\"settings\": {\"scaling\": {\"instances\": 3}}}");
        try (TestGitRepo repo = TestGitRepo.create(project, FILES)) {
            JsonPath done = succeeded(deploy(project, repo, "1", ""));
            String url = done.getString("environmentUrl");
            Set<String> instances = new HashSet<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                // three requests in flight at once go to three instances (the fewest in flight wins)
                List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight =
                        new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    inFlight.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url + "?delay=200")).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                for (var r : inFlight) {
                    String body = r.join().body();
                    instances.add(body.substring(body.indexOf("instance=")));
                }
                return instances.size() == 3;
            });
            // a WebSocket upgrade passes the gateway and the runtime's proxy both
            java.util.concurrent.CompletableFuture<String> greeting = new java.util.concurrent.CompletableFuture<>();
            http.newWebSocketBuilder().buildAsync(URI.create(url.replace("http://", "ws://") + "socket"),
                    new java.net.http.WebSocket.Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket,
                                CharSequence data, boolean last) {
                            greeting.complete(data.toString());
                            return null;
                        }
                    }).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("hello over a websocket from version 1",
                    greeting.get(10, java.util.concurrent.TimeUnit.SECONDS));

            given().get(url + "crash").then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runtimeLog(done.getString("id"))
                    .contains("exited with code 3; starting it again"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runtimeLog(done.getString("id"))
                    .contains("is serving again"));
            // on the log, and so on the environment view
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> view(project).getInt(
                    "application.lastCrash.exitCode") == 3);
            assertEquals(done.getString("id"), view(project).getString("application.deploymentId"));
            given().get(url).then().statusCode(200);

            replaceWithASite(project, repo);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> processesOf(done.getString("id")) == 0);
        }
    }

    @Test
    void startCommandsThatForkAndExitOrIgnoreSigtermLeaveNothingBehind() throws Exception {
        String project = "app-hostile-" + suffix;
        Platform.environment(project, "staging", "{}");
        try (TestGitRepo repo = TestGitRepo.create(project, FILES)) {
            String forks = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"0\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"startCommand\":"
                    + " \"node server.js & exit 0\"}}", project + "-0");
            JsonPath forked = Platform.finished(forks, Platform.WAIT);
            assertEquals("failed", forked.getString("status"));
            assertTrue(forked.getString("failureReason").contains("exited with code 0 before it listened on PORT"),
                    forked.getString("failureReason"));
            assertEquals(0, processesOf(forks), "what it left in the background died with it");

            JsonPath stubborn = succeeded(deploy(project, repo, "1", ", \"APP_IGNORE_TERM\": \"yes\""));
            assertTrue(processesOf(stubborn.getString("id")) > 0);
            succeeded(deploy(project, repo, "2", ""));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processesOf(stubborn.getString("id")) == 0);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runtimeLog(stubborn.getString("id"))
                    .contains("1 instance(s) ignored SIGTERM and were killed"));
            assertTrue(runtimeLog(stubborn.getString("id")).contains("ignoring SIGTERM"));

            replaceWithASite(project, repo);
        }
    }

    @Test
    void anInstanceIsHeldToItsEnvironmentsLimitsAndAKillOverThemSaysWhich() throws Exception {
        String project = "app-limits-" + suffix;
        Platform.environment(project, "staging", "{\"settings\": {\"instanceLimits\": {\"memoryMb\": 128,"
                + " \"processes\": 64}}}");
        try (TestGitRepo repo = TestGitRepo.create(project, FILES)) {
            JsonPath done = succeeded(deploy(project, repo, "1", ""));
            String id = done.getString("id");
            assertTrue(runtimeLog(id).contains("each instance's limits: memory 128 MiB, 64 processes"),
                    runtimeLog(id));
            // the live stream of its runtime output goes on past the deployment's end, while its release is live
            ConcurrentLinkedQueue<String> followed = new ConcurrentLinkedQueue<>();
            var following = http.sendAsync(HttpRequest.newBuilder(URI.create(Platform.DEPLOYMENT_API
                    + "/api/deployments/" + id + "/stream?stream=runtime")).header("Authorization", "Bearer "
                            + TestAuth.admin()).build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> response.body().forEach(followed::add));
            http.send(HttpRequest.newBuilder(URI.create(done.getString("environmentUrl") + "eat")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String reason = "the instance went over its memory limit of 128 MiB (set by the environment's"
                    + " settings.instanceLimits.memoryMb)";
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runtimeLog(id).contains(reason));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                String last = view(project).getString("application.lastCrash.lastOutput");
                return last != null && last.contains(reason);
            });
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runtimeLog(id)
                    .contains("is serving again"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> String.join("\n", followed)
                    .contains("is serving again"));
            // a deployment's stream ends 2 s after its log went quiet: this one stays, the release runs
            Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> !following.isDone());
            replaceWithASite(project, repo);
            following.get(30, java.util.concurrent.TimeUnit.SECONDS); // it ends once the release is no longer live
            assertFalse(String.join("\n", followed).contains("\"stream\":\"stdout\""), "the runtime stream only");
        }
    }

    /** An application printing a gigabyte (the first 64 MiB reach the log, a long run): in the soak ring. */
    @Test
    @org.junit.jupiter.api.Tag("soak")
    void anApplicationThatPrintsAGigabyteServesOnAndItsLogStopsAtTheBound() throws Exception {
        String project = "app-loud-" + suffix;
        Platform.environment(project, "staging", "{}");
        try (TestGitRepo repo = TestGitRepo.create(project, FILES)) {
            JsonPath done = succeeded(deploy(project, repo, "1", ""));
            String url = done.getString("environmentUrl");
            HttpResponse<String> printed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                    + "print?mb=1024")).timeout(Duration.ofSeconds(55)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("printed", printed.body());
            assertTrue(given().get(url).asString().startsWith("version=1"), "it serves on");
            given().get(url + "crash").then().statusCode(200);
            // what it printed last before the crash is the note that the rest was dropped, not a gigabyte
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                String last = view(project).getString("application.lastCrash.lastOutput");
                return last != null && last.contains("printed more than 67108864 bytes"
                        + " (shiplog.runtime.max-output-bytes): the rest of its output is dropped");
            });
            replaceWithASite(project, repo);
        }
    }

    /** The two that wait out a deadline (30 s each): in the soak ring. */
    @Test
    @org.junit.jupiter.api.Tag("soak")
    void anApplicationThatNeverListensOrFailsItsHealthCheckNeverServes() throws Exception {
        String project = "app-unwell-" + suffix;
        String waiting = "app-never-" + suffix;
        Platform.environment(project, "staging", "{}");
        Platform.environment(waiting, "staging", "{}");
        try (TestGitRepo repo = TestGitRepo.create(project, FILES)) {
            String never = Platform.deploy("{\"projectId\": \"" + waiting + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"startCommand\":"
                    + " \"sleep 600\"}}", waiting);
            JsonPath v1 = succeeded(deploy(project, repo, "1", ""));
            String url = v1.getString("environmentUrl");
            JsonPath broken = Platform.finished(deploy(project, repo, "4", ", \"APP_HEALTH\": \"broken\""),
                    Platform.WAIT);
            assertEquals("failed", broken.getString("status"));
            assertTrue(broken.getString("failureReason").contains("answered 500"), broken.getString("failureReason"));
            assertTrue(given().get(url).asString().startsWith("version=1 release=" + v1.getString("id")));
            given().get(broken.getString("deploymentUrl") == null ? Platform.DEPLOYMENT_API + "/deployments/"
                    + broken.getString("id") + "/" : broken.getString("deploymentUrl")).then().statusCode(
                            org.hamcrest.Matchers.not(200));
            JsonPath silent = Platform.finished(never, Platform.WAIT);
            assertEquals("failed", silent.getString("status"));
            assertTrue(silent.getString("failureReason").contains("did not listen on PORT"),
                    silent.getString("failureReason"));
            assertEquals(0, processesOf(never));
            replaceWithASite(project, repo);
        }
    }

    /** Grows under a burst and shrinks after it (a cool-down of 15 s a step): in the soak ring. */
    @Test
    @org.junit.jupiter.api.Tag("soak")
    void betweenMinAndMaxItGrowsUnderABurstAndShrinksAfterIt() throws Exception {
        String project = "app-auto-" + suffix;
        Platform.environment(project, "staging", "{\"settings\": {\"scaling\": {\"min\": 1, \"max\": 3}}}");
        try (TestGitRepo repo = TestGitRepo.create(project, FILES)) {
            JsonPath done = succeeded(deploy(project, repo, "1", ""));
            String url = done.getString("environmentUrl");
            String id = done.getString("id");
            Set<String> instances = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicBoolean bursting = new AtomicBoolean(true);
            List<Thread> burst = new java.util.ArrayList<>();
            for (int c = 0; c < 12; c++) {
                Thread t = new Thread(() -> {
                    while (bursting.get()) {
                        try {
                            String body = http.send(HttpRequest.newBuilder(URI.create(url + "?delay=500")).build(),
                                    HttpResponse.BodyHandlers.ofString()).body();
                            instances.add(body.substring(body.indexOf("instance=")));
                        } catch (Exception e) {
                            // counted by the assertions below: every instance must have answered
                        }
                    }
                });
                t.start();
                burst.add(t);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> instances.size() == 3);
            // the burst's clients start one after the other: it may grow 1 to 2 to 3 as well as 1 to 3
            assertTrue(runtimeLog(id).matches("(?s).*scaling from [12] to 3 instance\\(s\\): .*"), runtimeLog(id));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> view(project).getInt(
                    "application.instances") == 3);
            assertTrue(view(project).getString("application.lastScaled.reason").contains("over the target"));
            bursting.set(false);
            for (Thread t : burst) {
                t.join();
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> runtimeLog(id)
                    .contains("scaling from 2 to 1 instance(s)"));
            assertTrue(runtimeLog(id).contains("scaling from 3 to 2 instance(s)"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> view(project).getInt(
                    "application.instances") == 1);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> processesOf(id) > 0
                    && given().get(url).then().extract().header("X-Shiplog-Instances").equals("1/1"));
            replaceWithASite(project, repo);
        }
    }

    /**
     * The processes in the control groups of the deployment's instances (cgroup v1 pids, as the worker makes them).
     * A group may go while it is looked at (an instance stopping): the look is taken again then.
     */
    static long processesOf(String deploymentId) throws java.io.IOException {
        for (int attempt = 0;; attempt++) {
            try {
                return countProcessesOf(deploymentId);
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static long countProcessesOf(String deploymentId) throws java.io.IOException {
        java.nio.file.Path pids = java.nio.file.Path.of("/sys/fs/cgroup/pids");
        if (!java.nio.file.Files.isDirectory(pids)) {
            return 0;
        }
        long count = 0;
        try (var found = java.nio.file.Files.find(pids, 6, (path, attributes) -> attributes.isDirectory()
                && path.getFileName().toString().startsWith("app-" + deploymentId + "-"))) {
            for (java.nio.file.Path group : found.toList()) {
                count += java.nio.file.Files.readAllLines(group.resolve("cgroup.procs")).stream()
                        .filter(l -> !l.isBlank()).count();
            }
        }
        return count;
    }
}
