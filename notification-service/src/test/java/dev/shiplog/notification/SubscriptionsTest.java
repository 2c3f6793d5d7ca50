package dev.shiplog.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.notification.SubscriptionConfigured;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.shiplog.testing.InfraResource;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions against the real broker, registry and database, with a real HTTP receiver: stored as events with the
 * secret sealed (never in clear on the log, never shown), a deployment event on the log delivered signed, a
 * rotation signing with both secrets, a paused subscription receiving nothing, bad input refused naming the field
 * and leaving nothing behind.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class SubscriptionsTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    record Hit(Map<String, List<String>> headers, String body) {
    }

    @Test
    void aDeploymentEventReachesASignedWebhookAndARotationSignsWithBothSecrets() throws Exception {
        String project = NotificationServiceTest.newProject();
        List<Hit> hits = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(hits);
        try {
            String secret = "first-secret-" + UUID.randomUUID();
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String id;
            try (TestEvents.Reader log = TestEvents.get().readFromNow(Topics.NOTIFICATION_EVENTS)) {
                id = given().contentType(ContentType.JSON).body("{\"name\": \"ci\", \"channel\": \"webhook\", \"url\": \""
                        + url + "\", \"secret\": \"" + secret + "\", \"kinds\": [\"succeeded\"]}")
                        .post("/api/projects/" + project + "/subscriptions").then().statusCode(201)
                        .header("Shiplog-Log-Position", org.hamcrest.Matchers.startsWith("shiplog.notification.events/"))
                        .body("hasSecret", equalTo(true)).body("secret", nullValue()).extract().path("id");
                SubscriptionConfigured configured = log.await(SubscriptionConfigured.class,
                        e -> e.getSubscriptionId().equals(id), WAIT);
                assertEquals("t1", configured.getSecret().getKeyId());
                for (ConsumerRecord<String, Object> record : log.recordsToEnd()) {
                    assertFalse(String.valueOf(record.value()).contains(secret), "the secret in clear on the log");
                }
            }
            // answered once its own view shows it: listed at once
            given().get("/api/projects/" + project + "/subscriptions").then().statusCode(200)
                    .body("id", hasItem(id));

            String deployment = UUID.randomUUID().toString();
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, "staging"),
                    NotificationServiceTest.succeeded(project, deployment, TestEvents.envelope(deployment)));
            await().atMost(WAIT).until(() -> hits.size() == 1);
            Hit hit = hits.get(0);
            assertEquals(List.of(sign(secret, hit)), signatures(hit));
            assertTrue(hit.body().contains("\"deploymentId\":\"" + deployment + "\""), hit.body());

            // rotated: the new secret and the old one both sign, for the grace period
            String second = "second-secret-" + UUID.randomUUID();
            given().contentType(ContentType.JSON).body("{\"name\": \"ci\", \"channel\": \"webhook\", \"url\": \"" + url
                    + "\", \"secret\": \"" + second + "\", \"kinds\": [\"succeeded\"]}")
                    .put("/api/projects/" + project + "/subscriptions/" + id).then().statusCode(200)
                    .body("previousSecretUntil", org.hamcrest.Matchers.notNullValue());
            String next = UUID.randomUUID().toString();
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, "staging"),
                    NotificationServiceTest.succeeded(project, next, TestEvents.envelope(next)));
            await().atMost(WAIT).until(() -> hits.size() == 2);
            assertEquals(List.of(sign(second, hits.get(1)), sign(secret, hits.get(1))), signatures(hits.get(1)));

            // paused: nothing is sent; another kind than the subscription's: nothing either
            given().post("/api/projects/" + project + "/subscriptions/" + id + "/pause").then().statusCode(200)
                    .body("paused", equalTo(true));
            String quiet = UUID.randomUUID().toString();
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, "staging"),
                    NotificationServiceTest.succeeded(project, quiet, TestEvents.envelope(quiet)));
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, "staging"),
                    NotificationServiceTest.failed(project, next, TestEvents.envelope(next), "late"));
            await().atMost(WAIT).until(() -> given().queryParam("projectId", project).get("/api/notifications")
                    .then().extract().jsonPath().getList("id").size() == 3);
            given().get("/api/projects/" + project + "/subscriptions/" + id + "/deliveries").then().statusCode(200)
                    .body("size()", equalTo(2)).body("state", org.hamcrest.Matchers.everyItem(equalTo("delivered")));
            assertEquals(2, hits.size());

            given().delete("/api/projects/" + project + "/subscriptions/" + id).then().statusCode(204);
            given().get("/api/projects/" + project + "/subscriptions/" + id).then().statusCode(404);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndLeavesNothing() {
        String project = NotificationServiceTest.newProject();
        String base = "/api/projects/" + project + "/subscriptions";
        Map<String, String> cases = Map.of(
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"ftp://example.com/x\", \"secret\": \"0123456789abcdef\"}", "url",
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"https://192.168.1.10/x\", \"secret\": \"0123456789abcdef\"}", "url",
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"https://user:pw@127.0.0.1:9/x\", \"secret\": \"0123456789abcdef\"}", "url",
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"http://127.0.0.1:9/x\"}", "secret",
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"http://127.0.0.1:9/x\", \"secret\": \"short\"}", "secret",
                "{\"name\": \"x\", \"channel\": \"chat\", \"url\": \"http://127.0.0.1:9/x\", \"kinds\": [\"nope\"]}", "kinds[0]",
                "{\"name\": \"x\", \"channel\": \"email\", \"emails\": [\"a@b\\r\\nBcc: c@d\"]}", "emails[0]",
                "{\"name\": \"x\", \"channel\": \"email\", \"emails\": []}", "emails",
                "{\"name\": \"x\\u0000\", \"channel\": \"chat\", \"url\": \"http://127.0.0.1:9/x\"}", "name",
                "{\"name\": \"x\", \"channel\": \"chat\", \"url\": \"http://127.0.0.1:9/x\", \"maxAttempts\": 99}", "maxAttempts");
        cases.forEach((body, field) -> given().contentType(ContentType.JSON).body(body).post(base).then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field)));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"channel\": \"chat\", \"url\": \"http://127.0.0.1:9/x\","
                + " \"color\": \"red\"}").post(base).then().statusCode(400);
        given().get(base).then().statusCode(200).body("size()", equalTo(0));
        given().get(base + "/not-a-uuid").then().statusCode(400).body("errors[0].field", equalTo("subscriptionId"));
        given().get(base + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    static HttpServer receiver(List<Hit> hits) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/hook", exchange -> {
            hits.add(new Hit(Map.copyOf(exchange.getRequestHeaders()), new String(exchange.getRequestBody()
                    .readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    static List<String> signatures(Hit hit) {
        return List.of(hit.headers().get("Shiplog-signature").get(0).split(","));
    }

    /** The README's recipe: v1=hex(HMAC-SHA256(secret, timestamp + "." + body)). */
    static String sign(String secret, Hit hit) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((hit.headers().get("Shiplog-timestamp").get(0) + ".").getBytes(StandardCharsets.UTF_8));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal(hit.body().getBytes(StandardCharsets.UTF_8)));
    }
}
