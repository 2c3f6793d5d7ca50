package dev.shiplog.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The gateway passes the other services' operations on as they came, with the caller's credential, and their answers
 * back as they came (stand-ins play the services): reads, problems, a write to an environment answered once the
 * gateway's catalog shows it, a stream event by event, a service that is away.
 */
@QuarkusTest
@WithTestResource(ApiInfra.class)
class GatewayTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** shiplog.gateway.visible-within */
    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

    @TestHTTPResource("/")
    URL base;

    static FakeUpstreams environments() {
        return FakeUpstreams.of(ApiInfra.ENVIRONMENTS);
    }

    @Test
    void aReadIsPassedOnWithTheCallersCredentialAndItsAnswerComesBackAsItCame() {
        environments().answer(null);
        String ada = TestAuth.jwt("ada");
        given().header("Authorization", "Bearer " + ada).get("/api/projects/shop/environments/compare?from=a&to=b")
                .then().statusCode(200).contentType(ContentType.JSON).body("servedBy", equalTo("environment-service"));
        FakeUpstreams.Seen seen = environments().seen();
        assertEquals("GET", seen.method());
        assertEquals("/api/projects/shop/environments/compare?from=a&to=b", seen.uri());
        assertEquals("Bearer " + ada, seen.authorization());
    }

    @Test
    void aServicesProblemIsPassedBackAsItIs() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"no\","
                + "\"errors\":[{\"field\":\"settings.scaling.instances\",\"rule\":\"must be between 1 and 100\"}]}";
        environments().answer(new FakeUpstreams.Answer(400, "application/problem+json", problem, null, null));
        String answered = given().contentType(ContentType.JSON).body("{\"settings\": {\"scaling\": {\"instances\":"
                + " 1000}}}").put("/api/projects/shop/environments/staging").then().statusCode(400)
                .contentType("application/problem+json").extract().asString();
        assertEquals(problem, answered);
        assertEquals("{\"settings\": {\"scaling\": {\"instances\": 1000}}}", environments().seen().body());
        assertEquals("application/json", environments().seen().contentType());
    }

    @Test
    void aWriteToAnEnvironmentIsAnsweredOnceTheGatewaysCatalogShowsItAndNoLater() {
        String project = "gw-" + UUID.randomUUID().toString().substring(0, 8);
        String position;
        try (TestEvents.RawReader written = TestEvents.get().readRawFromNow(Topics.ENVIRONMENT_EVENTS.name())) {
            TestEvents.get().publish(Topics.ENVIRONMENT_EVENTS, Topics.environmentKey(project, "staging"),
                    EnvironmentConfigured.newBuilder().setEnvelope(TestEvents.envelope(project))
                            .setProjectId(project).setEnvironment("staging").setSettings(Map.of()).build());
            ConsumerRecord<String, byte[]> record = written.awaitRecord(
                    r -> Topics.environmentKey(project, "staging").equals(r.key()), WAIT);
            position = record.topic() + "/" + record.partition() + "/" + record.offset();
        }
        environments().answer(new FakeUpstreams.Answer(202, "application/json", "{}", "Shiplog-Log-Position",
                position));
        long started = System.nanoTime();
        given().contentType(ContentType.JSON).body("{\"url\": \"https://staging.shop\"}")
                .put("/api/projects/" + project + "/environments/staging").then().statusCode(202)
                .header("Shiplog-Log-Position", equalTo(position));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(VISIBLE_WITHIN) < 0,
                "answered as soon as the catalog had it");
        given().contentType(ContentType.JSON).body("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                + " \"version\": \"1\", \"gitUrl\": \"https://github.com/acme/shop.git\"}").post("/api/deployments")
                .then().statusCode(202);
    }

    @Test
    void aWriteWhoseEventTheCatalogNeverSeesIsAnsweredAfterTheBoundAndOtherWritesDoNotWait() {
        String never = Topics.ENVIRONMENT_EVENTS.name() + "/0/999999999999";
        environments().answer(new FakeUpstreams.Answer(202, "application/json", "{}", "Shiplog-Log-Position", never));
        long started = System.nanoTime();
        given().contentType(ContentType.JSON).body("{}").put("/api/projects/shop").then().statusCode(202);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(VISIBLE_WITHIN) >= 0, "waited");
        FakeUpstreams notifications = FakeUpstreams.of(ApiInfra.NOTIFICATIONS);
        notifications.answer(new FakeUpstreams.Answer(204, null, null, "Shiplog-Log-Position", never));
        started = System.nanoTime();
        given().contentType(ContentType.JSON).body("{}").post("/api/projects/shop/notifications/read").then()
                .statusCode(204);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(VISIBLE_WITHIN) < 0,
                "a notification-service write is answered as it comes");
    }

    @Test
    void theNotificationStreamIsPassedBackEventByEventAsItComes() throws Exception {
        FakeUpstreams notifications = FakeUpstreams.of(ApiInfra.NOTIFICATIONS);
        notifications.answer(null);
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.toURI().resolve("api/projects/shop/notifications/stream?seconds=5"))
                .header("Authorization", "Bearer " + TestAuth.admin()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            // the first event arrives while the service still holds the second back
            String first = CompletableFuture.supplyAsync(() -> readUntilData(reader)).get(10, TimeUnit.SECONDS);
            assertEquals("data: one", first);
            notifications.release();
            assertEquals("data: two", readUntilData(reader));
        }
        assertEquals("Bearer " + TestAuth.admin(), notifications.seen().authorization());
    }

    static String readUntilData(BufferedReader reader) {
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data:")) {
                    return line;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aServiceThatIsAwayIsA503ProblemNamingIt() {
        given().get("/api/queues/shop/staging").then().statusCode(503).contentType("application/problem+json")
                .body("detail", equalTo("The pipeline-worker is unavailable; retry later."));
    }

    @Test
    void theGatewaysOwnOperationsAreServedHereAndOneOpenApiDocumentListsEveryOperation() {
        environments().answer(null);
        given().get("/api/projects/gw-" + UUID.randomUUID().toString().substring(0, 8) + "/deployments").then()
                .statusCode(200).body("total", equalTo(0));
        assertNull(environments().seen(), "not passed on");
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/deployments"))
                .body("paths", hasKey("/api/projects"))
                .body("paths", hasKey("/api/projects/{projectId}/environments/compare"))
                .body("paths", hasKey("/api/projects/{projectId}/environments/{environment}/variables/{name}"))
                .body("paths", hasKey("/api/queues/{projectId}/{environment}"))
                .body("paths", hasKey("/api/notifications"))
                .body("paths.'/api/projects/{projectId}/environments/{environment}'.get.summary",
                        containsString("One environment"));
    }
}
