package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.Infra;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The platform as an attacker meets it: the broker takes no one without credentials and each user only its own
 * topics; code comes only from allowed places; a protected environment needs a maintainer, and one that requires
 * approvals another maintainer's approval, before anything runs.
 */
class SecurityIT {

    static final List<String> TOPICS = List.of("shiplog.deployment.commands", "shiplog.deployment.events",
            "shiplog.deployment.logs", "shiplog.environment.events", "shiplog.notification.events",
            "shiplog.access.events", "shiplog.audit.events");

    static KafkaProducer<String, String> producer(Map<String, String> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.put("bootstrap.servers", Infra.KAFKA);
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        // (a client the broker does not let in never gets the topic's metadata: each send gives up after this)
        config.put("max.block.ms", "1500");
        config.put("delivery.timeout.ms", "4000");
        config.put("request.timeout.ms", "3000");
        config.put("linger.ms", "0");
        return new KafkaProducer<>(config);
    }

    static Throwable write(KafkaProducer<String, String> producer, String topic) {
        return write(producer, topic, "forged");
    }

    static Throwable write(KafkaProducer<String, String> producer, String topic, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    /**
     * Proved on the log, not by an exception (a broker that is down also throws): the broker takes the platform's
     * own user meanwhile, and afterwards no topic holds any record this test tried to forge.
     */
    @Test
    void aProducerWithoutCredentialsCannotWriteToAnyTopic() {
        String forged = "forged-" + UUID.randomUUID();
        try (KafkaConsumer<byte[], byte[]> reader = reader()) {
            Map<TopicPartition, Long> before = reader.endOffsets(partitions(reader));
            try (KafkaProducer<String, String> outside = producer(Infra.kafkaLogin(Infra.KAFKA, "outside"))) {
                assertEquals(null, write(outside, "shiplog.deployment.commands", "a login the broker knows"),
                        "the broker must be up and take a known user, or nothing below proves anything");
            }
            Map<String, String> guessed = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism",
                    "SCRAM-SHA-512", "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                            + " required username=\"admin\" password=\"guessed\";");
            for (Map<String, String> login : List.of(Map.of("security.protocol", "PLAINTEXT"), guessed)) {
                try (KafkaProducer<String, String> producer = producer(login)) {
                    for (String topic : TOPICS) {
                        Throwable refused = write(producer, topic, forged);
                        assertTrue(refused != null, login.get("security.protocol") + " wrote to " + topic);
                        if (login == guessed) {
                            assertTrue(refused instanceof SaslAuthenticationException, "a guessed password on "
                                    + topic + " must fail authentication: " + refused);
                        }
                    }
                }
            }
            Map<TopicPartition, Long> after = reader.endOffsets(before.keySet());
            before.forEach(reader::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (before.keySet().stream().anyMatch(tp -> reader.position(tp) < after.get(tp))) {
                assertTrue(System.nanoTime() < deadline, "could not read the topics to their end");
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    assertTrue(record.value() == null
                                    || !new String(record.value(), StandardCharsets.UTF_8).contains(forged),
                            "a forged record reached " + record.topic());
                }
            }
        }
    }

    static KafkaConsumer<byte[], byte[]> reader() {
        Map<String, Object> config = new HashMap<>(Infra.kafkaLogin(Infra.KAFKA, "admin"));
        config.put("bootstrap.servers", Infra.KAFKA);
        config.put("key.deserializer", ByteArrayDeserializer.class.getName());
        config.put("value.deserializer", ByteArrayDeserializer.class.getName());
        config.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(config);
    }

    static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> reader) {
        List<TopicPartition> partitions = TOPICS.stream().flatMap(topic -> reader.partitionsFor(topic).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        reader.assign(partitions);
        return partitions;
    }

    @Test
    void eachUserWritesOnlyTheTopicsItOwnsAndAnOutsideServiceOnlyCommands() {
        try (KafkaProducer<String, String> outside = producer(Infra.kafkaLogin(Infra.KAFKA, "outside"))) {
            assertEquals(null, write(outside, "shiplog.deployment.commands"));
            for (String topic : TOPICS.subList(1, TOPICS.size())) {
                Throwable refused = write(outside, topic);
                assertTrue(refused instanceof org.apache.kafka.common.errors.TopicAuthorizationException,
                        "outside on " + topic + ": " + refused);
            }
        }
        try (KafkaProducer<String, String> environments = producer(Infra.kafkaLogin(Infra.KAFKA,
                "environment-service"))) {
            for (String topic : List.of("shiplog.deployment.events", "shiplog.access.events",
                    "shiplog.deployment.commands")) {
                assertTrue(write(environments, topic) instanceof org.apache.kafka.common.errors.TopicAuthorizationException,
                        "environment-service wrote to " + topic);
            }
        }
    }

    @Test
    void codeComesOnlyFromAllowedPlaces() {
        String project = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        Platform.environment(project, "staging", "{}");
        for (String url : List.of(System.getProperty("user.dir"), "/etc", "file:///root/.ssh", "../../x",
                "http://127.0.0.1:8081/apis/registry/v2", "http://localhost:8080/", "https://169.254.169.254/latest",
                "git://10.0.0.1/repo", "ssh://git@192.168.1.10/repo.git", "http://[::1]:8080/x")) {
            given().contentType(ContentType.JSON).body("{\"projectId\": \"" + project + "\", \"environment\":"
                    + " \"staging\", \"version\": \"1\", \"gitUrl\": \"" + url + "\"}")
                    .post(Platform.DEPLOYMENT_API + "/api/deployments").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("gitUrl"));
        }
    }

    @Test
    void aProtectedEnvironmentThatRequiresApprovalsRunsOnlyOnceAnotherMaintainerApproved() {
        String project = "appr-" + UUID.randomUUID().toString().substring(0, 8);
        Platform.environment(project, "production", "{\"approvalRequired\": true}");
        for (String[] member : new String[][] { { "ann", "maintainer" }, { "ben", "maintainer" }, { "dee", "deployer" } }) {
            given().contentType(ContentType.JSON).body("{\"role\": \"" + member[1] + "\"}")
                    .put(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/members/" + member[0] + "-" + project)
                    .then().statusCode(200);
        }
        String ann = "Bearer " + TestAuth.jwt("ann-" + project);
        String ben = "Bearer " + TestAuth.jwt("ben-" + project);
        String dee = "Bearer " + TestAuth.jwt("dee-" + project);
        TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>approved</h1>\n"));
        String body = "{\"projectId\": \"" + project + "\", \"environment\": \"production\", \"version\": \"1\","
                + " \"gitUrl\": \"" + repo.path() + "\", \"config\": {\"buildCommand\": \"true\"}}";
        await().atMost(Platform.WAIT).until(() -> given().header("Authorization", dee).contentType(ContentType.JSON)
                .body(body).post(Platform.DEPLOYMENT_API + "/api/deployments").statusCode() == 403);
        String id = given().header("Authorization", ann).contentType(ContentType.JSON).body(body)
                .post(Platform.DEPLOYMENT_API + "/api/deployments").then().statusCode(202).extract().path("id");
        await().atMost(Platform.WAIT).untilAsserted(() -> given().header("Authorization", ann)
                .get(Platform.DEPLOYMENT_API + "/api/deployments/" + id).then().body("status", equalTo("pending"))
                .body("approval.status", equalTo("waiting")).body("pendingReason", containsString("approval")));
        await().atMost(Platform.WAIT).untilAsserted(() -> given().header("Authorization", ann)
                .get(Platform.PIPELINE_WORKER + "/api/queues/" + project + "/production")
                .then().statusCode(200).body("state", hasItem("awaiting")));
        given().header("Authorization", ann).post(Platform.DEPLOYMENT_API + "/api/deployments/" + id + "/approve")
                .then().statusCode(403).body("detail", containsString("another maintainer"));
        given().header("Authorization", ben).post(Platform.DEPLOYMENT_API + "/api/deployments/" + id + "/approve")
                .then().statusCode(202);
        JsonPath done = Platform.finished(id, Platform.WAIT);
        assertEquals("success", done.getString("status"), done.prettify());
        assertEquals("ben-" + project, done.getString("approval.decidedBy"));

        String rejected = given().header("Authorization", ann).contentType(ContentType.JSON)
                .body(body.replace("\"version\": \"1\"", "\"version\": \"2\"")).post(Platform.DEPLOYMENT_API
                        + "/api/deployments").then().statusCode(202).extract().path("id");
        await().atMost(Platform.WAIT).until(() -> given().header("Authorization", ben).post(Platform.DEPLOYMENT_API
                + "/api/deployments/" + rejected + "/reject?reason=no").statusCode() == 202);
        JsonPath over = Platform.finished(rejected, Platform.WAIT);
        assertEquals("cancelled", over.getString("status"));
        assertTrue(over.getString("failureReason").contains("rejected by ben-" + project), over.prettify());
        assertTrue(over.getList("stages").isEmpty(), "a rejected deployment never ran: " + over.prettify());

        await().atMost(Platform.WAIT).untilAsserted(() -> given().header("Authorization", ben)
                .get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/audit").then().statusCode(200)
                .body("entries.action", hasItem("deployment.approve"))
                .body("entries.outcome", hasItem("refused")));
        given().header("Authorization", dee).get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/audit")
                .then().statusCode(403);
    }
}
