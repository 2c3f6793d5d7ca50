package dev.shiplog.environment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.access.MemberRoleGranted;
import dev.shiplog.schema.audit.CommandRefused;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * environment-service against the real broker, registry and database: a PUT becomes a real Avro
 * EnvironmentConfigured on the log and the environment projection is built from what arrives on it; a call beyond
 * one's role is a 403 recorded on the audit topic; bad input is a problem naming the field and the rule (the rules
 * themselves are the domain's pure tests); a poison record is dead-lettered.
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class EnvironmentServiceTest {

    // generous: on the first run against a persistent broker the consumer groups start from the topics' beginning
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String STAGING = """
            {"url": "https://staging.shop.example",
             "settings": {"scaling": {"instances": 1}, "logLevel": "debug"},
             "protected": false}
            """;

    @Test
    void configuringTakesAMaintainerAndReadingAnyRoleAndARefusalIsRecorded() {
        String project = newProject();
        for (String[] member : new String[][] { { "vic", "viewer" }, { "max", "maintainer" } }) {
            TestEvents.get().publish(Topics.ACCESS_EVENTS, project, MemberRoleGranted.newBuilder()
                    .setEnvelope(TestEvents.envelope(project)).setProjectId(project).setSubject(member[0])
                    .setRole(member[1]).build());
        }
        String path = "/api/projects/" + project + "/environments/staging";
        String vic = "Bearer " + TestAuth.jwt("vic");
        String max = "Bearer " + TestAuth.jwt("max");
        try (TestEvents.Reader audit = TestEvents.get().readFromNow(Topics.AUDIT_EVENTS)) {
            await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", vic)
                    .contentType(ContentType.JSON).body(STAGING).put(path).then().statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("maintainer")));
            CommandRefused refused = audit.await(CommandRefused.class, r -> project.equals(r.getProjectId()), WAIT);
            assertEquals("environment.configure", refused.getAction());
            assertEquals("vic", refused.getEnvelope().getActor());
        }
        given().header("Authorization", TestAuth.NONE).get(path).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestAuth.jwt("stranger")).get(path).then().statusCode(403);
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.ENVIRONMENT_EVENTS)) {
            await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", max)
                    .contentType(ContentType.JSON).body("{}").put("/api/projects/" + project
                            + "/environments/production").then().statusCode(202).body("protected", equalTo(true)));
            EnvironmentConfigured production = events.await(EnvironmentConfigured.class,
                    e -> e.getProjectId().equals(project), WAIT);
            assertEquals("max", production.getEnvelope().getActor());
            assertEquals("maintainer", production.getEnvelope().getActorRole());
            assertTrue(production.getProtected$(), "production is protected by default");
        }
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", vic).get("/api/projects/"
                + project + "/environments/production").then().statusCode(200).body("protected", equalTo(true))
                .body("approvalRequired", equalTo(false)));
    }

    @Test
    void aPutIsOnTheLogAsAnAvroEventAndInTheProjection() {
        String project = newProject();
        String path = "/api/projects/" + project + "/environments/staging";
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.ENVIRONMENT_EVENTS);
                TestEvents.Reader keys = TestEvents.get().readFromNow(Topics.ENVIRONMENT_EVENTS)) {
            given().contentType(ContentType.JSON).header("X-Shiplog-User", "mallory").body(STAGING)
                    .when().put(path)
                    .then().statusCode(202)
                    .header("Location", endsWith(path))
                    .body("id", equalTo(project + "/staging"))
                    .body("url", equalTo("https://staging.shop.example"))
                    .body("settings.scaling.instances", equalTo(1))
                    .body("settings.logLevel", equalTo("debug"))
                    .body("protected", equalTo(false));

            EnvironmentConfigured configured = events.await(EnvironmentConfigured.class,
                    e -> e.getProjectId().equals(project), WAIT);
            assertEquals("staging", configured.getEnvironment());
            assertEquals("https://staging.shop.example", configured.getUrl());
            assertEquals(Map.of("scaling.instances", "1", "logLevel", "debug"), configured.getSettings());
            assertFalse(configured.getProtected$());
            assertEquals("admin", configured.getEnvelope().getActor()); // the credential's subject, not the header
            assertEquals("instance-admin", configured.getEnvelope().getActorRole());
            assertEquals(project + "/staging", configured.getEnvelope().getCorrelationId());
            assertNull(configured.getEnvelope().getCausationId());

            ConsumerRecord<String, Object> record = keys.awaitRecord(r -> r.value() instanceof GenericRecord g
                    && project.equals(String.valueOf(g.get("projectId"))), WAIT);
            assertEquals(Topics.environmentKey(project, "staging"), record.key());
        }

        await().atMost(WAIT).untilAsserted(() -> given().get(path)
                .then().statusCode(200)
                .body("id", equalTo(project + "/staging"))
                .body("projectId", equalTo(project))
                .body("name", equalTo("staging"))
                .body("url", equalTo("https://staging.shop.example"))
                .body("settings.scaling.instances", equalTo(1))
                .body("settings.logLevel", equalTo("debug"))
                .body("protected", equalTo(false))
                // no health check has reported yet: no status is made up
                .body("status", nullValue())
                .body("currentDeployment", nullValue()));

        given().contentType(ContentType.JSON).body("{\"protected\": true}")
                .put("/api/projects/" + project + "/environments/production").then().statusCode(202)
                .body("url", nullValue()).body("protected", equalTo(true));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/projects/" + project + "/environments")
                .then().statusCode(200)
                .body("name", equalTo(java.util.List.of("production", "staging")))
                .body("[0].protected", equalTo(true))
                .body("[0].settings.size()", equalTo(0)));
    }

    @Test
    void aRefusedConfigurationChangesNothingNeitherTheViewNorTheLog() {
        String project = newProject();
        String path = "/api/projects/" + project + "/environments/staging";
        given().contentType(ContentType.JSON).body(STAGING).put(path).then().statusCode(202);
        JsonPath before = given().get(path).then().statusCode(200).extract().jsonPath(); // the PUT waited for it
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.ENVIRONMENT_EVENTS)) {
            given().contentType(ContentType.JSON).body("{\"url\": \"https://other.shop.example\","
                    + " \"settings\": {\"scaling\": {\"min\": 9, \"max\": 3}}}").put(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("settings.scaling.min"))
                    .body("errors[0].rule", equalTo("must be at most max"));
            String marker = newProject();
            given().contentType(ContentType.JSON).body("{}").put("/api/projects/" + marker + "/environments/staging")
                    .then().statusCode(202);
            EnvironmentConfigured next = events.await(EnvironmentConfigured.class,
                    e -> e.getProjectId().equals(project) || e.getProjectId().equals(marker), WAIT);
            assertEquals(marker, next.getProjectId(), "nothing of the refused configuration reached the log");
        }
        assertEquals(before.getMap(""), given().get(path).then().statusCode(200).extract().jsonPath().getMap(""));
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndTheRule() {
        given().contentType(ContentType.JSON).body(STAGING)
                .put("/api/projects/Bad_Project/environments/-staging")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("projectId", "environment"));
        given().contentType(ContentType.JSON)
                .body("{\"url\": \"ftp://files.shop.example\", \"settings\": {\"scaling\": {\"instances\": 0}}}")
                .put("/api/projects/shop/environments/staging")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("url", "settings.scaling.instances"))
                .body("errors.find { it.field == 'url' }.rule", containsString("http or https"))
                .body("errors.find { it.field == 'settings.scaling.instances' }.rule", containsString("between 1"));
        // what the JSON layer refuses: an unknown setting, a value of the wrong type, a body that is not JSON
        given().contentType(ContentType.JSON).body("{\"settings\": {\"colour\": \"blue\"}}")
                .put("/api/projects/shop/environments/staging")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("settings.colour"));
        given().contentType(ContentType.JSON).body("{\"protected\": \"maybe\"}")
                .put("/api/projects/shop/environments/staging")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("protected"));
        given().contentType(ContentType.JSON).body("{\"url\": \"https://x.example\", ")
                .put("/api/projects/shop/environments/staging")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));

        given().get("/api/projects/" + newProject() + "/environments/nowhere")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/projects/shop/environments/staging?asOf=yesterday")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("asOf"));
        given().get("/api/projects/" + newProject() + "/environments")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheProjectionKeepsGoing() {
        String project = newProject();
        String dlq = Topics.deadLetter(Topics.ENVIRONMENT_EVENTS, "environment-service.environments");
        try (TestEvents.RawReader deadLetters = TestEvents.get().readRawFromNow(dlq)) {
            TestEvents.get().publishRaw(Topics.ENVIRONMENT_EVENTS, project + "/staging",
                    "not avro".getBytes(StandardCharsets.UTF_8));
            ConsumerRecord<String, byte[]> dead = deadLetters.awaitRecord(r -> (project + "/staging").equals(r.key()),
                    WAIT);
            String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertFalse(reason.isBlank());
        }
        String path = "/api/projects/" + project + "/environments/staging";
        given().contentType(ContentType.JSON).body(STAGING).put(path).then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() -> given().get(path).then().statusCode(200));
    }

    @Test
    void healthAndOpenApiAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Shiplog environment-service"))
                .body("paths", hasKey("/api/projects/{projectId}/environments"))
                .body("paths", hasKey("/api/projects/{projectId}/environments/{environment}"));
    }

    private static String newProject() {
        return "env-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
