package dev.shiplog.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shiplog.cli.ShiplogCli;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit code and the output of a command for each kind of answer, against a stand-in that answers as the
 * gateway's API does (the real gateway: e2e-tests' CliIT): a deployment's end, a refusal, a stream that never ends.
 */
class ExitCodesTest {

    static final String ID = "4faa64fe-abf4-4a43-9f76-a0a12ad6341e";
    static final String BUILDING = "{\"id\":\"" + ID + "\",\"status\":\"building\",\"stages\":[{\"stage\":\"build\","
            + "\"status\":\"running\"}]}";

    @TempDir
    Path config;

    HttpServer gateway;
    final Map<String, String> answers = new ConcurrentHashMap<>();
    final CountDownLatch release = new CountDownLatch(1);
    final Map<String, String> authorization = new ConcurrentHashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", this::answer);
        gateway.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        gateway.stop(0);
    }

    /** Answers "STATUS BODY" as configured for the path, the stream as SSE events ("data: ..." lines). */
    void answer(HttpExchange exchange) throws IOException {
        authorization.put(exchange.getRequestURI().getPath(), String.valueOf(exchange.getRequestHeaders()
                .getFirst("Authorization")));
        String answer = answers.getOrDefault(exchange.getRequestMethod() + " " + exchange.getRequestURI(),
                "404 {\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such thing\"}");
        int status = Integer.parseInt(answer.substring(0, 3));
        String body = answer.substring(4);
        boolean stream = exchange.getRequestURI().getPath().endsWith("/stream") && status == 200;
        exchange.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : status >= 400
                ? "application/problem+json" : "application/json");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, stream ? 0 : bytes.length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(bytes);
            response.flush();
            if (body.endsWith("(open)")) {
                awaitQuietly(release); // a stream that stays open, silent, until the test is over
            }
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int run(String... args) {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", config.toString(), "SHIPLOG_URL", "http://127.0.0.1:"
                + gateway.getAddress().getPort(), "SHIPLOG_TOKEN", "shp_test");
        return ShiplogCli.run(args, env, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err));
    }

    static String events(String... events) {
        StringBuilder text = new StringBuilder();
        for (String event : events) {
            text.append("data:").append(event).append("\n\n");
        }
        return text.toString();
    }

    void deploymentEnds(String finalStatus) {
        String done = "{\"id\":\"" + ID + "\",\"status\":\"" + finalStatus + "\",\"failureReason\":"
                + (finalStatus.equals("success") ? "null" : "\"build exited with 3\\nlog\"") + "}";
        answers.put("POST /api/deployments", "202 {\"id\":\"" + ID + "\",\"status\":\"pending\"}");
        answers.put("GET /api/deployments/" + ID + "/stream", "200 " + events(
                "{\"type\":\"status\",\"deployment\":" + BUILDING + "}",
                "{\"type\":\"log\",\"log\":{\"sequence\":0,\"stream\":\"stdout\",\"text\":\"build done\\n\"}}",
                "{\"type\":\"log\",\"log\":{\"sequence\":1,\"stream\":\"stderr\",\"text\":\"warning\\u001b[31m\\n\"}}",
                "{\"type\":\"log\",\"log\":{\"sequence\":0,\"stream\":\"stdout\",\"text\":\"build done\\n\"}}",
                "{\"type\":\"status\",\"deployment\":" + done + "}"));
        answers.put("GET /api/deployments/" + ID, "200 " + done);
    }

    @Test
    void deployFollowExitsZeroWhenTheDeploymentSucceededAndPrintsItsLogOnce() {
        deploymentEnds("success");
        assertEquals(0, run("deploy", "-p", "shop", "-e", "staging", "--git-url", "/x", "--follow"));
        assertEquals("build done\n", out.toString());
        assertTrue(err.toString().contains("warning?[31m\n"), err.toString());
        assertTrue(err.toString().contains("shiplog: stage build running"), err.toString());
        assertTrue(err.toString().endsWith("shiplog: success: " + ID + " is live\n"), err.toString());
        assertEquals("Bearer shp_test", authorization.get("/api/deployments"));
    }

    @Test
    void deployFollowExitsOneWhenTheDeploymentFailedAndJsonIsItsFinalStateAlone() throws Exception {
        deploymentEnds("failed");
        assertEquals(1, run("deploy", "-p", "shop", "-e", "staging", "--git-url", "/x", "--follow", "--json"));
        JsonNode document = new ObjectMapper().readTree(out.toString());
        assertEquals("failed", document.path("status").asText());
        assertTrue(err.toString().contains("build done"), "the log goes to stderr under --json: " + err);
    }

    @Test
    void aRefusalExitsThreeWithEveryFieldAndUnderJsonTheProblemAsReceived() throws Exception {
        String problem = "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"bad\",\"errors\":[{\"field\":"
                + "\"environment\",\"rule\":\"unknown environment\"}]}";
        answers.put("POST /api/deployments", "400 " + problem);
        assertEquals(3, run("--json", "deploy", "-p", "shop", "-e", "nope", "--git-url", "/x", "-f"));
        assertEquals(problem + "\n", out.toString());
        assertEquals("shiplog: refused: 400 Bad Request: bad\n  environment: unknown environment\n", err.toString());
    }

    @Test
    void followingPastTheTimeoutExitsFourAndSaysTheDeploymentGoesOn() {
        answers.put("GET /api/deployments/" + ID + "/stream", "200 " + events("{\"type\":\"status\",\"deployment\":"
                + BUILDING + "}") + ": (open)");
        assertEquals(4, run("logs", ID, "--follow", "--timeout", "1s"));
        assertTrue(err.toString().contains("timed out after 1 s waiting for deployment " + ID + " (still building);"
                + " it goes on"), err.toString());
    }

    @Test
    void statusPrintsTheDeploymentAndJsonTheAnswerAsReceived() {
        answers.put("GET /api/deployments/" + ID, "200 " + BUILDING);
        assertEquals(0, run("status", ID));
        assertTrue(out.toString().startsWith("deployment  " + ID + "\n"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("status", ID, "--json"));
        assertEquals(BUILDING + "\n", out.toString());
    }

    @Test
    void aRollbackOfAnEnvironmentRollsBackItsLiveRelease() {
        answers.put("GET /api/projects/shop/environments/staging/releases", "200 {\"releases\":[{\"deploymentId\":"
                + "\"d2\",\"live\":false},{\"deploymentId\":\"d1\",\"live\":true}]}");
        answers.put("POST /api/deployments/d1/rollback", "202 {\"id\":\"r1\",\"status\":\"pending\"}");
        assertEquals(0, run("rollback", "-p", "shop", "-e", "staging"));
        assertEquals("rollback accepted: r1 (pending)\nfollow it with: shiplog logs --follow r1\n", out.toString());
        answers.put("GET /api/projects/shop/environments/staging/releases", "200 {\"releases\":[]}");
        assertEquals(3, run("rollback", "-p", "shop", "-e", "staging"));
    }

    @Test
    void aLogIsReadPageByPage() throws Exception {
        answers.put("GET /api/deployments/d1/logs?limit=1000", "200 {\"chunks\":[{\"sequence\":0,\"text\":\"a\\n\"}],"
                + "\"next\":0}");
        answers.put("GET /api/deployments/d1/logs?limit=1000&after=0", "200 {\"chunks\":[{\"sequence\":1,\"text\":"
                + "\"b\\n\"}],\"next\":1}");
        answers.put("GET /api/deployments/d1/logs?limit=1000&after=1", "200 {\"chunks\":[],\"next\":1}");
        assertEquals(0, run("logs", "d1"));
        assertEquals("a\nb\n", out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("logs", "d1", "--json"));
        assertEquals(List.of("a\n", "b\n"), new ObjectMapper().readTree(out.toString()).findValuesAsText("text"));
    }
}
