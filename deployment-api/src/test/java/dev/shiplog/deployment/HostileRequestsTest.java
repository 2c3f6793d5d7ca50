package dev.shiplog.deployment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.log.LogChunkAppended;
import dev.shiplog.schema.deployment.log.LogStream;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What a hostile user sends, and what the API answers over HTTP: a 4xx application/problem+json naming the field and
 * the rule, before anything reaches the log, so one bad request never stops anyone else (each field's rules are
 * proven in DeploymentValidatorTest). Idempotency keys are exact, also under concurrent requests.
 */
@QuarkusTest
@WithTestResource(ApiInfra.class)
class HostileRequestsTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    /** Each field's rules are DeploymentValidatorTest's; here, that a broken one is a 400 problem naming it. */
    @Test
    void aNulInABodyFieldOrAQueryParameterIsAProblemNamingIt() {
        String project = project();
        Support.environmentExists(project, "staging");
        refused(body(project, "version", "\"1.0\\u0000\""), "version");
        refused(config(project, "\"environmentVariables\": {\"A\": \"x\\u0000y\"}"), "config.environmentVariables.A");
        given().queryParam("reason", "a\u0000b").post("/api/deployments/no-such/cancel").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("reason"));
    }

    @Test
    void valuesOfTheWrongTypeAndUnknownFieldsAreRefusedNotConverted() {
        String project = project();
        Support.environmentExists(project, "staging");
        refused(body(project, "version", "1"), "version");
        refused(config(project, "\"timeout\": \"10\""), "config.timeout");
        refused(config(project, "\"buildCommand\": true"), "config.buildCommand");
        refused(config(project, "\"buildComand\": \"make\""), "config.buildComand");
    }

    @Test
    void aBodyPastItsLimitIsA413ProblemAndNeverA503() {
        String project = project();
        Support.environmentExists(project, "staging");
        refused(config(project, "\"buildCommand\": \"" + "x".repeat(900_000) + "\""), "config.buildCommand");
        given().contentType(ContentType.JSON).body(config(project, "\"buildCommand\": \"" + "x".repeat(1_100_000)
                + "\"")).post("/api/deployments").then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void malformedPathsAndParametersAreProblemsNamingThemNever500() throws Exception {
        given().get("/api/deployments/%00").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        given().get("/api/projects/shop/deployments?page=2147483647").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("page"));
        given().get("/api/projects/shop/deployments?page=abc").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("page"));
        given().get("/api/deployments/x/logs?after=zz").then().statusCode(400).body("errors[0].field", equalTo("after"));
        assertTrue(raw("GET /api/deployments/%zz HTTP/1.1").startsWith("HTTP/1.1 400"));
        assertTrue(raw("GET /api/deployments/%zz HTTP/1.1").contains("application/problem+json"));
        String longUri = raw("GET /api/deployments/" + "a".repeat(10_000) + " HTTP/1.1");
        assertTrue(longUri.startsWith("HTTP/1.1 414") && longUri.contains("\"field\":\"uri\""), longUri);
        String bigHeader = raw("GET /api/deployments/x HTTP/1.1\r\nX-Big: " + "b".repeat(20_000));
        assertTrue(bigHeader.startsWith("HTTP/1.1 431") && bigHeader.contains("\"field\":\"headers\""), bigHeader);
    }

    @Test
    void twoConcurrentRequestsWithOneKeyMakeOneDeploymentAndAnotherBodyIsRefused() throws Exception {
        String project = project();
        Support.environmentExists(project, "staging");
        String key = "release-" + UUID.randomUUID();
        String body = body(project, "version", "\"7.0.0\"");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            List<Callable<String>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                posts.add(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                        .post("/api/deployments").then().statusCode(202).extract().path("id"));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> id : pool.invokeAll(posts)) {
                ids.add(id.get());
            }
            assertEquals(1, ids.stream().distinct().count(), ids::toString);
            events.await(DeploymentRequested.class, e -> e.getDeploymentId().equals(ids.get(0)), WAIT);
            List<?> more = events.readToEnd(r -> r.value() instanceof DeploymentRequested e
                    && e.getDeploymentId().equals(ids.get(0)));
            assertEquals(0, more.size(), "the key's request reached the log more than once");
        } finally {
            pool.shutdownNow();
        }
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(project, "version", "\"7.0.1\""))
                .post("/api/deployments").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void aFinalStateIsFinalAndADeploymentKnownOnlyByItsEndIsShownWithIt() {
        String project = project();
        Support.environmentExists(project, "staging");
        String id = given().contentType(ContentType.JSON).body(body(project, "version", "\"1\"")).post("/api/deployments")
                .then().statusCode(202).extract().path("id");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id).then().statusCode(200));
        String key = Topics.environmentKey(project, "staging");
        DeploymentLifecycleTest.succeed(project, id);
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, failed(project, id, "late"));
        String unknown = UUID.randomUUID().toString();
        TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, key, failed(project, unknown, "its request broke a rule"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + unknown).then().statusCode(200)
                .body("status", equalTo("failed")).body("failureReason", equalTo("its request broke a rule")));
        given().get("/api/deployments/" + id).then().body("status", equalTo("success"));
    }

    @Test
    void aLogHoldingNulBytesIsStoredAndServed() {
        String project = project();
        Support.environmentExists(project, "staging");
        String id = given().contentType(ContentType.JSON).body(body(project, "version", "\"1\"")).post("/api/deployments")
                .then().statusCode(202).extract().path("id");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id).then().statusCode(200));
        TestEvents.get().publish(Topics.DEPLOYMENT_LOGS, id, LogChunkAppended.newBuilder()
                .setEnvelope(TestEvents.envelope(id)).setDeploymentId(id).setStage(Stage.BUILD).setSequence(0)
                .setStream(LogStream.STDOUT).setText("a\u0000b\u0001c\n").build());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/" + id + "/logs").then()
                .statusCode(200).body("chunks[0].text", equalTo("a\u0000b\u0001c\n")));
    }

    static DeploymentFailed failed(String project, String id, String reason) {
        return DeploymentFailed.newBuilder().setEnvelope(TestEvents.envelope(id)).setDeploymentId(id)
                .setProjectId(project).setEnvironment("staging").setStage(Stage.BUILD).setReason(reason)
                .setDurationMillis(1).build();
    }

    /** Sends {@code head} as the request line and headers, with nothing between the client and the server. */
    String raw(String head) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static ValidatableResponse refused(String body, String field) {
        return given().contentType(ContentType.JSON).body(body).post("/api/deployments").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field))
                .body("detail", containsString(field));
    }

    static String body(String project, String field, String json) {
        StringBuilder b = new StringBuilder("{\"projectId\": \"" + project + "\", \"environment\": \"staging\"");
        b.append(", \"version\": ").append(field.equals("version") ? json : "\"1.0.0\"");
        b.append(", \"gitUrl\": ").append(field.equals("gitUrl") ? json : "\"/srv/git/x\"");
        if (!field.equals("version") && !field.equals("gitUrl")) {
            b.append(", \"").append(field).append("\": ").append(json);
        }
        return b.append("}").toString();
    }

    static String config(String project, String config) {
        return "{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"1\","
                + " \"gitUrl\": \"/srv/git/x\", \"config\": {" + config + "}}";
    }

    static String project() {
        return "hr-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
