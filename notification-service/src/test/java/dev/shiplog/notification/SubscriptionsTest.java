package dev.shiplog.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
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
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.shiplog.testing.InfraResource;
import org.junit.jupiter.api.Test;

/**
 * The subscriptions' and deliveries' wiring, against the real broker, registry and database, with a real HTTP
 * receiver on loopback: stored as events with the secret sealed (never in clear on the log, never shown), a
 * deployment event on the log delivered signed, a rotation signing with both secrets, a paused subscription
 * receiving nothing; a failing receiver tried up to the subscription's attempts, each recorded, then dead-lettered
 * and sent again by hand; bad input a problem naming the field, leaving nothing behind. The rules themselves (what
 * is valid, what is signed, the backoff) are the pure tests' (domain package).
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
                        .header("Shiplog-Log-Position", org.hamcrest.Matchers.startsWith(
                                dev.shiplog.schema.Topics.NOTIFICATION_EVENTS.name() + "/"))
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
    void aFailingReceiverIsTriedUpToMaxAttemptsThenDeadLetteredAndSentAgainByHand() throws Exception {
        String project = NotificationServiceTest.newProject();
        List<Hit> hits = new CopyOnWriteArrayList<>();
        AtomicInteger status = new AtomicInteger(503);
        HttpServer receiver = receiver(hits, status);
        try {
            String base = "/api/projects/" + project + "/subscriptions";
            String id = given().contentType(ContentType.JSON).body("{\"name\": \"flaky\", \"channel\": \"chat\","
                    + " \"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\", \"maxAttempts\": 2}")
                    .post(base).then().statusCode(201).extract().path("id");
            String deployment = UUID.randomUUID().toString();
            TestEvents.get().publish(Topics.DEPLOYMENT_EVENTS, Topics.environmentKey(project, "staging"),
                    NotificationServiceTest.succeeded(project, deployment, TestEvents.envelope(deployment)));

            // every attempt recorded; the second and last failing makes it dead, with no third attempt
            await().atMost(WAIT).untilAsserted(() -> given().get(base + "/" + id + "/deliveries").then()
                    .statusCode(200).body("size()", equalTo(1)).body("[0].state", equalTo("dead")));
            given().get(base + "/" + id + "/deliveries?state=dead").then().statusCode(200)
                    .body("[0].attempts", equalTo(2))
                    .body("[0].lastStatus", equalTo(503))
                    .body("[0].attemptLog.attempt", contains(1, 2))
                    .body("[0].attemptLog.statusCode", contains(503, 503))
                    .body("[0].attemptLog.error", everyItem(equalTo("answered 503")));
            assertEquals(2, hits.size());
            String delivery = given().get(base + "/" + id + "/deliveries").then().extract().path("[0].id");
            assertEquals(List.of(delivery, delivery), hits.stream().map(h -> h.headers().get("Shiplog-delivery").get(0))
                    .toList());

            // only a dead delivery is sent again by hand; then with a fresh budget, to a receiver that is back
            status.set(204);
            given().post(base + "/" + id + "/deliveries/" + delivery + "/resend").then().statusCode(202);
            await().atMost(WAIT).untilAsserted(() -> given().get(base + "/" + id + "/deliveries").then()
                    .statusCode(200).body("[0].state", equalTo("delivered")).body("[0].attempts", equalTo(3)));
            given().post(base + "/" + id + "/deliveries/" + delivery + "/resend").then().statusCode(409)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("deliveryId"));
            assertEquals(3, hits.size());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndLeavesNothing() {
        String project = NotificationServiceTest.newProject();
        String base = "/api/projects/" + project + "/subscriptions";
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"channel\": \"webhook\", \"url\":"
                + " \"https://hooks.example.com:65536/x\", \"kinds\": [\"nope\"], \"maxAttempts\": 99}").post(base)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("url", "kinds[0]", "maxAttempts", "secret"))
                .body("errors.find { it.field == 'url' }.rule", equalTo("must have a port from 1 to 65535 (65536)"));
        // a field the API does not know is refused, not ignored
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"channel\": \"chat\", \"url\":"
                + " \"http://127.0.0.1:9/x\", \"color\": \"red\"}").post(base).then().statusCode(400)
                .contentType("application/problem+json");
        given().get(base).then().statusCode(200).body("size()", equalTo(0));
        given().get(base + "/not-a-uuid").then().statusCode(400).body("errors[0].field", equalTo("subscriptionId"));
        given().get(base + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    static HttpServer receiver(List<Hit> hits) throws java.io.IOException {
        return receiver(hits, new AtomicInteger(204));
    }

    /** A receiver on loopback that records every request and answers {@code status} (as it is at the time). */
    static HttpServer receiver(List<Hit> hits, AtomicInteger status) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/hook", exchange -> {
            hits.add(new Hit(Map.copyOf(exchange.getRequestHeaders()), new String(exchange.getRequestBody()
                    .readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status.get(), -1);
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
