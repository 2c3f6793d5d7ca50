package dev.shiplog.deployment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.access.TokenIssued;
import dev.shiplog.schema.audit.CommandRefused;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.deployment.command.RequestDeployment;
import dev.shiplog.schema.deployment.event.CommandRejected;
import dev.shiplog.schema.deployment.event.DeploymentApproved;
import dev.shiplog.schema.deployment.event.DeploymentRejected;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may do what at the gateway: every call needs a credential (401 problems saying why otherwise), roles per
 * project (403, nothing changed, the refusal in the audit trail), tokens and members as events, approvals by
 * another maintainer, commands on Kafka under the same rules. Against the real broker, registry and database.
 */
@QuarkusTest
@WithTestResource(ApiInfra.class)
class AccessTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static String project() {
        return "acc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String credential) {
        return given().header("Authorization", "Bearer " + credential);
    }

    static String body(String project, String environment, String version) {
        return "{\"projectId\": \"" + project + "\", \"environment\": \"" + environment + "\", \"version\": \""
                + version + "\", \"gitUrl\": \"file:///srv/git/shop\"}";
    }

    static void member(String project, String subject, String role) {
        given().contentType(ContentType.JSON).body("{\"role\": \"" + role + "\"}")
                .put("/api/projects/" + project + "/members/" + subject).then().statusCode(200)
                .body("subject", hasItem(subject));
    }

    static String deploy(String credential, String project, String environment, String version) {
        return as(credential).contentType(ContentType.JSON).body(body(project, environment, version))
                .post("/api/deployments").then().statusCode(202).extract().path("id");
    }

    @Test
    void everyCallNeedsACredentialAndA401SaysWhatIsWrongWithIt() {
        given().header("Authorization", TestAuth.NONE).get("/api/deployments/x").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/me").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("Bearer"));
        as("shp_0000000000000000_" + "A".repeat(43)).get("/api/me").then().statusCode(401)
                .body("detail", containsString("not known"));
        as("not-a-token").get("/api/me").then().statusCode(401).contentType("application/problem+json");
        as(TestAuth.jwt("ada", List.of(), Duration.ofMinutes(-5))).get("/api/me").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("JWT"));
        String forged = TestAuth.jwt("ada");
        as(forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA").get("/api/me").then().statusCode(401);
        as(TestAuth.jwt("ada")).get("/api/me").then().statusCode(200).body("subject", equalTo("ada"))
                .body("instanceAdmin", equalTo(false));
        as(TestAuth.jwt("root", List.of(TestAuth.ADMIN_GROUP), Duration.ofMinutes(5))).get("/api/me").then()
                .statusCode(200).body("instanceAdmin", equalTo(true));
    }

    @Test
    void aTokenIsShownOnceListedWithoutItsSecretAndRevokedIsA401() {
        String ada = TestAuth.jwt("ada-" + UUID.randomUUID().toString().substring(0, 6));
        var issued = as(ada).contentType(ContentType.JSON).body("{\"name\": \"laptop\", \"expiresInDays\": 7}")
                .post("/api/tokens").then().statusCode(201).body("token", containsString("shp_")).extract();
        String token = issued.path("token");
        String tokenId = issued.path("tokenId");
        String subject = as(ada).get("/api/me").then().extract().path("subject");
        as(token).get("/api/me").then().statusCode(200).body("subject", equalTo(subject))
                .body("tokenId", equalTo(tokenId));
        as(ada).get("/api/tokens").then().statusCode(200).body("tokenId", hasItem(tokenId))
                .body("token", not(hasItem(notNullValue()))).body("[0].state", equalTo("active"));
        // someone else's personal token: only an instance administrator
        as(ada).contentType(ContentType.JSON).body("{\"name\": \"x\", \"subject\": \"bob\"}").post("/api/tokens")
                .then().statusCode(403).contentType("application/problem+json");
        as(TestAuth.jwt("mallory")).delete("/api/tokens/" + tokenId).then().statusCode(403);
        as(ada).delete("/api/tokens/" + tokenId).then().statusCode(204);
        as(token).get("/api/me").then().statusCode(401).body("detail", containsString("revoked"));
        as(ada).get("/api/tokens").then().body("find { it.tokenId == '" + tokenId + "' }.state",
                equalTo("revoked"));
    }

    @Test
    void anExpiredTokenIsA401() {
        // a token whose expiry has passed, as the log would carry it
        String id = "exp" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        String secret = "B".repeat(43);
        TestEvents.get().publish(Topics.ACCESS_EVENTS, "token:" + id, TokenIssued.newBuilder()
                .setEnvelope(TestEvents.envelope("token:" + id)).setTokenId(id).setName("old").setSubject("ada")
                .setSecretSha256(TestAuth.sha256(secret)).setExpiresAt(Instant.now().minusSeconds(60)).build());
        await().atMost(WAIT).untilAsserted(() -> as("shp_" + id + "_" + secret).get("/api/me").then()
                .statusCode(401).body("detail", containsString("expired")));
    }

    @Test
    void rolesDecideAndARefusalChangesNothingAndIsAudited() {
        String project = project();
        Support.environment(project, "staging", false, false);
        Support.environment(project, "production", true, false);
        member(project, "vic", "viewer");
        member(project, "dee", "deployer");
        member(project, "max", "maintainer");
        String vic = TestAuth.jwt("vic");
        String dee = TestAuth.jwt("dee");
        String max = TestAuth.jwt("max");
        // the two probes that made the environments known are the project's deployments, once projected
        long before = await().atMost(WAIT).until(() -> given().get("/api/projects/" + project + "/deployments")
                .then().extract().jsonPath().getLong("total"), total -> total == 2);
        try (TestEvents.Reader audit = TestEvents.get().readFromNow(Topics.AUDIT_EVENTS)) {
            as(vic).contentType(ContentType.JSON).body(body(project, "staging", "1")).post("/api/deployments")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("deployer"));
            CommandRefused refused = audit.await(CommandRefused.class,
                    r -> project.equals(r.getProjectId()) && r.getEnvelope().getActor().equals("vic"), WAIT);
            assertEquals("deployment.request", refused.getAction());
            assertEquals("viewer", refused.getEnvelope().getActorRole());
        }
        as(dee).contentType(ContentType.JSON).body(body(project, "production", "1")).post("/api/deployments")
                .then().statusCode(403).body("detail", containsString("maintainer"));
        as(TestAuth.jwt("stranger")).get("/api/projects/" + project + "/deployments").then().statusCode(403);
        assertEquals(before, given().get("/api/projects/" + project + "/deployments").then().extract().jsonPath()
                .getLong("total"), "a refused request changed nothing");
        String staged = deploy(dee, project, "staging", "2");
        deploy(max, project, "production", "2");
        as(vic).get("/api/deployments/" + staged).then().statusCode(200);
        as(vic).post("/api/deployments/" + staged + "/cancel").then().statusCode(403);
        as(dee).contentType(ContentType.JSON).body("{\"role\": \"admin\"}")
                .put("/api/projects/" + project + "/members/dee").then().statusCode(403);
        as(dee).get("/api/projects/" + project + "/audit").then().statusCode(403);
        as(dee).get("/api/audit").then().statusCode(403);
        await().atMost(WAIT).untilAsserted(() -> as(max).get("/api/projects/" + project + "/audit?actor=vic")
                .then().statusCode(200).body("entries.outcome", everyItem(equalTo("refused")))
                .body("entries.actorRole", everyItem(equalTo("viewer")))
                .body("entries.action", hasItems("deployment.request", "deployment.cancel")));
        await().atMost(WAIT).untilAsserted(() -> as(max).get("/api/projects/" + project
                + "/audit?action=deployment.request&actor=dee").then().statusCode(200)
                .body("entries.outcome", hasItem("accepted")).body("entries.actorRole", hasItem("deployer")));
        given().get("/api/audit?projectId=" + project).then().statusCode(200).body("total",
                org.hamcrest.Matchers.greaterThan(5));
    }

    @Test
    void aProjectTokenActsOnItsProjectOnlyWithItsRole() {
        String project = project();
        String other = project();
        Support.environment(project, "staging", false, false);
        Support.environment(other, "staging", false, false);
        String token = given().contentType(ContentType.JSON)
                .body("{\"name\": \"ci\", \"projectId\": \"" + project + "\", \"role\": \"deployer\"}")
                .post("/api/tokens").then().statusCode(201).body("subject", containsString("token:")).extract()
                .path("token");
        deploy(token, project, "staging", "1");
        as(token).contentType(ContentType.JSON).body(body(other, "staging", "1")).post("/api/deployments").then()
                .statusCode(403);
        as(token).contentType(ContentType.JSON).body("{\"name\": \"more\"}").post("/api/tokens").then()
                .statusCode(403);
        given().get("/api/projects/" + project + "/tokens").then().statusCode(200).body("name", hasItem("ci"));
    }

    @Test
    void aDeploymentThatNeedsAnApprovalWaitsAndOnlyAnotherMaintainerMayApproveIt() {
        String project = project();
        Support.environment(project, "production", true, true);
        member(project, "ann", "admin");
        member(project, "ben", "maintainer");
        member(project, "dee", "deployer");
        String ann = TestAuth.jwt("ann");
        String ben = TestAuth.jwt("ben");
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            String id = deploy(ann, project, "production", "1");
            DeploymentRequested requested = events.await(DeploymentRequested.class,
                    e -> e.getDeploymentId().equals(id), WAIT);
            assertTrue(requested.getApprovalRequired());
            assertTrue(requested.getApprovalExpiresAt().isAfter(Instant.now()));
            await().atMost(WAIT).untilAsserted(() -> as(ann).get("/api/deployments/" + id).then()
                    .body("status", equalTo("pending")).body("approval.status", equalTo("waiting"))
                    .body("pendingReason", containsString("approval")));
            as(ann).post("/api/deployments/" + id + "/approve").then().statusCode(403)
                    .body("detail", containsString("another maintainer"));
            // a second credential of her own is still ann: a project token acts for whoever made it
            var annsToken = as(ann).contentType(ContentType.JSON).body("{\"name\": \"second-pair\", \"projectId\": \""
                    + project + "\", \"role\": \"maintainer\"}").post("/api/tokens").then().statusCode(201).extract();
            as(annsToken.path("token")).post("/api/deployments/" + id + "/approve").then().statusCode(403)
                    .body("detail", containsString("ann asked for this deployment"));
            as(TestAuth.jwt("dee")).post("/api/deployments/" + id + "/approve").then().statusCode(403);
            as(ben).queryParam("comment", "ship it").post("/api/deployments/" + id + "/approve").then()
                    .statusCode(202);
            DeploymentApproved approved = events.await(DeploymentApproved.class,
                    e -> e.getDeploymentId().equals(id), WAIT);
            assertEquals("ben", approved.getEnvelope().getActor());
            assertEquals("maintainer", approved.getEnvelope().getActorRole());
            await().atMost(WAIT).untilAsserted(() -> as(ann).get("/api/deployments/" + id).then()
                    .body("approval.status", equalTo("approved")).body("approval.decidedBy", equalTo("ben")));
            as(ben).post("/api/deployments/" + id + "/approve").then().statusCode(409);

            String second = deploy(ann, project, "production", "2");
            await().atMost(WAIT).untilAsserted(() -> as(ben).get("/api/deployments/" + second).then()
                    .body("approval.status", equalTo("waiting")));
            as(ben).queryParam("reason", "not today").post("/api/deployments/" + second + "/reject").then()
                    .statusCode(202);
            DeploymentRejected rejected = events.await(DeploymentRejected.class,
                    e -> e.getDeploymentId().equals(second), WAIT);
            assertEquals("not today", rejected.getReason());
        }
        await().atMost(WAIT).untilAsserted(() -> as(ben).get("/api/projects/" + project + "/audit?actor=ann")
                .then().body("entries.action", hasItem("deployment.approve"))
                .body("entries.outcome", hasItem("refused"))
                .body("entries.actorCredential", hasItem(startsWith("token:"))));
    }

    @Test
    void aCommandOnKafkaCarriesACredentialCheckedLikeRest() {
        String project = project();
        Support.environment(project, "staging", false, false);
        String viewer = given().contentType(ContentType.JSON)
                .body("{\"name\": \"reader\", \"projectId\": \"" + project + "\", \"role\": \"viewer\"}")
                .post("/api/tokens").then().statusCode(201).extract().path("token");
        var deployerIssued = given().contentType(ContentType.JSON)
                .body("{\"name\": \"bot\", \"projectId\": \"" + project + "\", \"role\": \"deployer\"}")
                .post("/api/tokens").then().statusCode(201).extract();
        try (TestEvents.Reader events = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            String none = command(project, null);
            CommandRejected rejected = events.await(CommandRejected.class, e -> e.getCommandId().equals(none), WAIT);
            assertEquals("credential", rejected.getField());
            String weak = command(project, viewer);
            rejected = events.await(CommandRejected.class, e -> e.getCommandId().equals(weak), WAIT);
            assertEquals("credential", rejected.getField());
            assertTrue(rejected.getReason().contains("deployer"), rejected.getReason());
            String good = command(project, deployerIssued.path("token"));
            DeploymentRequested requested = events.await(DeploymentRequested.class,
                    e -> project.equals(e.getProjectId()) && "command".equals(e.getVersion()), WAIT);
            // a project token acts for whoever made it (here the instance administrator), through the token
            assertEquals("admin", requested.getEnvelope().getActor());
            assertEquals("token:" + deployerIssued.path("tokenId"), requested.getEnvelope().getActorCredential());
            assertEquals("deployer", requested.getEnvelope().getActorRole());
            assertFalse(good.isEmpty());
        }
    }

    /** Publishes RequestDeployment as another service would; returns its command id. */
    static String command(String project, String credential) {
        String commandId = UUID.randomUUID().toString();
        TestEvents.get().publish(Topics.DEPLOYMENT_COMMANDS, Topics.environmentKey(project, "staging"),
                RequestDeployment.newBuilder().setEnvelope(TestEvents.envelope(commandId)).setCommandId(commandId)
                        .setProjectId(project).setEnvironment("staging").setVersion("command")
                        .setSource(Source.newBuilder().setGitUrl("file:///srv/git/shop").build())
                        .setConfig(DeploymentConfig.newBuilder().setEnvironmentVariables(Map.of()).build())
                        .setCredential(credential).build());
        return commandId;
    }

    @Test
    void healthIsOpenOnThisMachine() {
        given().header("Authorization", TestAuth.NONE).get("/q/health/ready").then().statusCode(200);
    }
}
