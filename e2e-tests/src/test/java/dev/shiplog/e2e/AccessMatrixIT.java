package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.access.TokenIssued;
import dev.shiplog.testing.Infra;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestEvents;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of every service, taken from their OpenAPI documents (a new endpoint that is not in {@link #RULES}
 * fails this test), called with no credential, an expired one, a revoked one, and as a member of each role, on the
 * running platform. A credential that proves no one gets 401; a role too weak gets 403; both problem+json, and the
 * log shows nothing changed (no topic but the audit's grew). A role strong enough gets past the door (what it then
 * gets, 2xx or a 4xx about the request itself, is other tests' business).
 */
class AccessMatrixIT {

    /** Who may call what: the weakest role that may, "any" (any caller a credential proves) or "instance". */
    static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("POST /api/deployments", "deployer"),
            Map.entry("GET /api/deployments/{id}", "viewer"),
            Map.entry("POST /api/deployments/{id}/cancel", "deployer"),
            Map.entry("POST /api/deployments/{id}/approve", "maintainer"),
            Map.entry("POST /api/deployments/{id}/reject", "maintainer"),
            Map.entry("POST /api/deployments/{id}/rollback", "deployer"),
            Map.entry("POST /api/deployments/{id}/promote", "deployer"),
            Map.entry("GET /api/projects/{projectId}/environments/{environment}/releases", "viewer"),
            Map.entry("POST /api/projects/{projectId}/environments/{environment}/unpin", "deployer"),
            Map.entry("GET /api/projects/{projectId}/retention", "viewer"),
            Map.entry("PUT /api/projects/{projectId}/retention", "maintainer"),
            Map.entry("POST /api/projects/{projectId}/artifacts/cleanup", "maintainer"),
            Map.entry("GET /api/deployments/{id}/logs", "viewer"),
            Map.entry("GET /api/deployments/{id}/stream", "viewer"),
            Map.entry("GET /api/projects/{projectId}/deployments", "viewer"),
            Map.entry("GET /api/projects/{projectId}/metrics", "viewer"),
            Map.entry("POST /api/sources", "deployer"),
            Map.entry("GET /api/me", "any"),
            Map.entry("POST /api/tokens", "any"),
            Map.entry("GET /api/tokens", "any"),
            Map.entry("DELETE /api/tokens/{tokenId}", "admin"),
            Map.entry("GET /api/projects/{projectId}/tokens", "admin"),
            Map.entry("GET /api/projects/{projectId}/members", "viewer"),
            Map.entry("PUT /api/projects/{projectId}/members/{subject}", "admin"),
            Map.entry("DELETE /api/projects/{projectId}/members/{subject}", "admin"),
            Map.entry("GET /api/projects/{projectId}/audit", "maintainer"),
            Map.entry("GET /api/audit", "instance"),
            Map.entry("POST /admin/rebuild", "instance"),
            Map.entry("GET /api/queues/{projectId}/{environment}", "viewer"),
            Map.entry("PUT /api/projects/{projectId}/environments/{environment}", "maintainer"),
            Map.entry("GET /api/projects/{projectId}/environments", "viewer"),
            Map.entry("GET /api/projects/{projectId}/environments/{environment}", "viewer"),
            Map.entry("GET /api/notifications", "viewer"),
            Map.entry("GET /api/projects", "any"),
            // the matrix's project was never configured as such: a PUT creates it, which takes an instance admin
            Map.entry("PUT /api/projects/{projectId}", "instance"),
            Map.entry("GET /api/projects/{projectId}", "viewer"),
            Map.entry("DELETE /api/projects/{projectId}", "admin"),
            Map.entry("GET /api/projects/{projectId}/environments/compare", "viewer"),
            Map.entry("PUT /api/projects/{projectId}/environments/{environment}/variables/{name}", "maintainer"),
            Map.entry("DELETE /api/projects/{projectId}/environments/{environment}/variables/{name}", "maintainer"),
            Map.entry("POST /api/admin/secrets/reseal", "instance"),
            Map.entry("GET /api/projects/{projectId}/notifications", "viewer"),
            Map.entry("POST /api/projects/{projectId}/notifications/read", "viewer"),
            Map.entry("GET /api/projects/{projectId}/notifications/stream", "viewer"),
            Map.entry("POST /api/projects/{projectId}/subscriptions", "maintainer"),
            Map.entry("GET /api/projects/{projectId}/subscriptions", "maintainer"),
            Map.entry("GET /api/projects/{projectId}/subscriptions/{subscriptionId}", "maintainer"),
            Map.entry("PUT /api/projects/{projectId}/subscriptions/{subscriptionId}", "maintainer"),
            Map.entry("DELETE /api/projects/{projectId}/subscriptions/{subscriptionId}", "maintainer"),
            Map.entry("POST /api/projects/{projectId}/subscriptions/{subscriptionId}/pause", "maintainer"),
            Map.entry("POST /api/projects/{projectId}/subscriptions/{subscriptionId}/resume", "maintainer"),
            Map.entry("GET /api/projects/{projectId}/subscriptions/{subscriptionId}/deliveries", "maintainer"),
            Map.entry("POST /api/projects/{projectId}/subscriptions/{subscriptionId}/deliveries/{deliveryId}/resend",
                    "maintainer"));

    /** A subscription the matrix may create, change and delete: paused, so nothing is ever sent. */
    static final String SUBSCRIPTION = "{\"name\": \"matrix\", \"channel\": \"webhook\", \"url\":"
            + " \"http://127.0.0.1:9/matrix\", \"secret\": \"matrix-secret-0123456789\", \"paused\": true}";

    static final List<String> ROLES = List.of("viewer", "deployer", "maintainer", "admin");

    /** One call: what it is, where it goes, with what body. */
    record Call(String service, String method, String template, String rule) {
        String key() {
            return method + " " + template;
        }
    }

    final String project = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
    final Map<String, String> values = new HashMap<>();
    final Map<String, String> credentials = new LinkedHashMap<>();
    String body;

    @Test
    void everyEndpointTurnsAwayWhoMayNotAndLetsInWhoMay() throws Exception {
        List<Call> calls = endpoints();
        setUp();
        List<String> wrong = new ArrayList<>();
        // first every call that must be refused; then no record on the log (but the audit trail's) may come from any
        // of them: written by one of their callers, or about this project by anyone but the platform itself. Other
        // tests write meanwhile (they run at the same time): only what concerns this test counts.
        List<TestEvents.Reader> logs = new ArrayList<>();
        for (Topics.Topic topic : Topics.ALL) {
            if (!topic.equals(Topics.AUDIT_EVENTS)) {
                logs.add(TestEvents.get().readFromNow(topic));
            }
        }
        try {
            for (Call call : calls) {
                for (var credential : credentials.entrySet()) {
                    int expected = expected(call, credential.getKey());
                    if (expected == 0) {
                        continue;
                    }
                    Response answer = send(call, credential.getValue());
                    String said = call.key() + " as " + credential.getKey() + ": " + answer.statusCode() + " "
                            + answer.asString();
                    if (answer.statusCode() != expected || !answer.contentType().startsWith("application/problem+json")) {
                        wrong.add(said + " (expected " + expected + " problem)");
                    }
                }
            }
            Set<String> callers = credentials.values().stream().filter(java.util.Objects::nonNull)
                    .filter(c -> c.startsWith("shp_")).map(c -> "token:" + c.split("_")[1])
                    .collect(Collectors.toSet());
            for (TestEvents.Reader log : logs) {
                for (org.apache.avro.specific.SpecificRecord event : log.readToEnd(r -> r.value() != null)) {
                    dev.shiplog.schema.common.Envelope envelope = (dev.shiplog.schema.common.Envelope) event.get(0);
                    String actor = String.valueOf(envelope.getActor());
                    if (callers.contains(envelope.getActorCredential())) {
                        wrong.add("a refused call changed the log: " + event);
                        continue;
                    }
                    if (!actor.startsWith("service:") && (actor.contains(project) || callers.contains(actor)
                            || String.valueOf(envelope.getCorrelationId()).contains(project))) {
                        wrong.add("a refused call changed the log: " + event);
                    }
                }
            }
        } finally {
            logs.forEach(TestEvents.Reader::close);
        }
        // then the calls that may pass the door
        for (Call call : calls) {
            for (var credential : credentials.entrySet()) {
                if (expected(call, credential.getKey()) != 0) {
                    continue;
                }
                Response answer = send(call, credential.getValue());
                if (answer.statusCode() == 401 || answer.statusCode() == 403 || answer.statusCode() >= 500) {
                    wrong.add(call.key() + " as " + credential.getKey() + " was turned away: " + answer.statusCode()
                            + " " + answer.asString());
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /**
     * One credential past its rate is turned away with 429, {@code Retry-After} and a problem naming the limit,
     * while another credential and the bootstrap admin token go on as before.
     */
    @Test
    void aCredentialPastItsRateIsTurnedAwayAndNoOneElseIs() {
        Platform.environment(project, "staging", "{}");
        String viewer = "Bearer " + issue("{\"name\": \"flood\", \"projectId\": \"" + project
                + "\", \"role\": \"viewer\"}");
        Response limited = null;
        int passed = 0;
        for (int i = 0; i < 2000 && limited == null; i++) {
            Response answer = given().header("Authorization", viewer)
                    .get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/deployments");
            if (answer.statusCode() == 429) {
                limited = answer;
            } else {
                assertEquals(200, answer.statusCode(), answer.asString());
                passed++;
            }
        }
        assertTrue(limited != null, "2000 calls in a row passed");
        assertTrue(passed >= 100, "the burst passes first: " + passed);
        assertTrue(limited.contentType().startsWith("application/problem+json"), limited.contentType());
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1, limited.headers().toString());
        assertEquals("credential", limited.jsonPath().getString("errors[0].field"));
        assertTrue(limited.jsonPath().getString("errors[0].rule").startsWith("rate limit: at most 20 requests a second"),
                limited.asString());
        // another credential is counted on its own (this one has no role here: a 403, not a 429)
        given().header("Authorization", "Bearer " + TestAuth.jwt("other-" + project))
                .get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/deployments").then().statusCode(403);
        given().get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/deployments").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().header("Authorization", viewer)
                .get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/deployments").statusCode() == 200);
    }

    /**
     * 0 when {@code who} may call past the door, else the status it must get: 401, 403, or 404 for a deployment of a
     * project they have no role in (answered as an unknown id is: the project is not named).
     */
    static int expected(Call call, String who) {
        if (who.equals("stranger") && call.template().startsWith("/api/deployments/{id}")) {
            return 404;
        }
        return expected(call.rule(), who);
    }

    static int expected(String rule, String who) {
        if (who.equals("none") || who.startsWith("expired") || who.equals("revoked")) {
            return 401;
        }
        if (who.equals("instance-admin")) {
            return 0;
        }
        if (rule.equals("any")) {
            return 0;
        }
        if (rule.equals("instance") || who.equals("stranger")) {
            return 403;
        }
        return ROLES.indexOf(who) >= ROLES.indexOf(rule) ? 0 : 403;
    }

    /** Every operation of every service's OpenAPI document; each must have a rule. */
    List<Call> endpoints() {
        List<Call> calls = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String service : Platform.SERVICES) {
            JsonPath openapi = given().get(service + "/q/openapi?format=json").then().statusCode(200).extract()
                    .jsonPath();
            Map<String, Map<String, Object>> paths = openapi.getMap("paths");
            for (var path : paths.entrySet()) {
                for (String method : path.getValue().keySet()) {
                    String key = method.toUpperCase() + " " + path.getKey();
                    if (!RULES.containsKey(key)) {
                        unknown.add(key);
                    } else {
                        calls.add(new Call(service, method.toUpperCase(), path.getKey(), RULES.get(key)));
                    }
                }
            }
        }
        assertTrue(unknown.isEmpty(), "endpoints with no access rule in this test: " + unknown);
        Set<String> seen = calls.stream().map(Call::key).collect(Collectors.toSet());
        assertEquals(RULES.keySet(), seen, "rules for endpoints that no OpenAPI document has");
        return calls;
    }

    /**
     * A project with a member of each role, an environment, a finished deployment, tokens to revoke; credentials
     * for each kind of caller.
     */
    void setUp() {
        Platform.environment(project, "staging", "{}");
        for (String role : ROLES) {
            given().contentType(ContentType.JSON).body("{\"role\": \"" + role + "\"}")
                    .put(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/members/m-" + role + "-" + project)
                    .then().statusCode(200);
        }
        TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>matrix</h1>\n"));
        body = "{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"1\", \"gitUrl\": \""
                + repo.path() + "\", \"config\": {\"buildCommand\": \"true\"}}";
        // asked for by the deployer, so that every maintainer and admin may decide on it (none may on their own)
        String id = Platform.deployAs("Bearer " + TestAuth.jwt("m-deployer-" + project), body, "matrix-setup",
                Platform.WAIT);
        Platform.finished(id, Platform.WAIT);
        String revoked = issue("{\"name\": \"revoked\", \"projectId\": \"" + project + "\", \"role\": \"admin\"}");
        given().delete(Platform.DEPLOYMENT_API + "/api/tokens/" + revoked.split("_")[1]).then().statusCode(204);
        String target = issue("{\"name\": \"to revoke\", \"projectId\": \"" + project + "\", \"role\": \"viewer\"}");
        values.put("id", id);
        values.put("projectId", project);
        values.put("environment", "staging");
        values.put("subject", "someone-" + project);
        values.put("tokenId", target.split("_")[1]);
        values.put("name", "MATRIX_VAR");
        values.put("subscriptionId", given().contentType(ContentType.JSON).body(SUBSCRIPTION)
                .post(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/subscriptions").then().statusCode(201)
                .extract().path("id"));
        values.put("deliveryId", UUID.randomUUID().toString());
        // the live release's first health check is over (its echoes are the platform's own)
        Awaitility.await().atMost(Platform.WAIT).until(() -> "healthy".equals(given()
                .get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments/staging").then()
                .extract().path("status")));

        credentials.put("none", null);
        credentials.put("expired JWT", TestAuth.jwt("m-admin-" + project, List.of(), Duration.ofMinutes(-5)));
        credentials.put("expired token", expiredToken());
        credentials.put("revoked", revoked);
        credentials.put("stranger", TestAuth.jwt("stranger-" + project));
        for (String role : ROLES) {
            credentials.put(role, TestAuth.jwt("m-" + role + "-" + project));
        }
        credentials.put("instance-admin", TestAuth.admin());
    }

    static String issue(String request) {
        return given().contentType(ContentType.JSON).body(request).post(Platform.DEPLOYMENT_API + "/api/tokens")
                .then().statusCode(201).extract().path("token");
    }

    /** An admin token of the project whose expiry has passed, as the log would hold one. */
    String expiredToken() {
        String id = ("x" + UUID.randomUUID().toString().replace("-", "")).substring(0, 16);
        String secret = ("s" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID()
                .toString().replace("-", "")).substring(0, 43);
        TestEvents.get().publish(Topics.ACCESS_EVENTS, "token:" + id, TokenIssued.newBuilder()
                .setEnvelope(TestEvents.envelope("token:" + id)).setTokenId(id).setName("old")
                .setSubject("token:" + id).setSecretSha256(TestAuth.sha256(secret))
                .setExpiresAt(Instant.now().minusSeconds(60)).setProjectId(project).setRole("admin").build());
        String token = "shp_" + id + "_" + secret;
        for (String url : List.of(Platform.DEPLOYMENT_API + "/api/me", Platform.PIPELINE_WORKER + "/api/queues/"
                + project + "/staging", Platform.ENVIRONMENT_SERVICE + "/api/projects/" + project + "/environments",
                Platform.NOTIFICATION_SERVICE + "/api/notifications?projectId=" + project)) {
            // known to every service (each reads the log), and refused as expired
            Awaitility.await().atMost(Platform.WAIT).until(() -> given().header("Authorization", "Bearer " + token)
                    .get(url).asString().contains("expired"));
        }
        return token;
    }

    Response send(Call call, String credential) {
        String path = call.template();
        for (var value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        var request = given().header("Authorization", credential == null ? TestAuth.NONE : "Bearer " + credential);
        switch (call.key()) {
            case "POST /api/deployments" -> request.contentType(ContentType.JSON).body(body);
            case "POST /api/sources" -> request.contentType("application/gzip").queryParam("projectId", project)
                    .body(new byte[] { 31, -117, 8, 0 });
            case "POST /api/tokens" -> request.contentType(ContentType.JSON).body("{\"name\": \"matrix\"}");
            case "POST /api/deployments/{id}/rollback" -> request.contentType(ContentType.JSON).body("{}");
            case "POST /api/deployments/{id}/promote" -> request.contentType(ContentType.JSON)
                    .body("{\"environment\": \"production\"}");
            case "POST /api/projects/{projectId}/environments/{environment}/unpin" -> request
                    .contentType(ContentType.JSON).body("{\"reason\": \"matrix\"}");
            case "PUT /api/projects/{projectId}/retention" -> request.contentType(ContentType.JSON)
                    .body("{\"keepLast\": 5}");
            case "PUT /api/projects/{projectId}/members/{subject}" -> request.contentType(ContentType.JSON)
                    .body("{\"role\": \"viewer\"}");
            case "PUT /api/projects/{projectId}/environments/{environment}" -> request.contentType(ContentType.JSON)
                    .body("{}");
            case "GET /api/notifications" -> request.queryParam("projectId", project);
            case "PUT /api/projects/{projectId}" -> request.contentType(ContentType.JSON).body("{\"name\": \"Matrix\"}");
            case "PUT /api/projects/{projectId}/environments/{environment}/variables/{name}" -> request
                    .contentType(ContentType.JSON).body("{\"value\": \"matrix\"}");
            case "GET /api/projects/{projectId}/environments/compare" -> request.queryParam("from", "staging")
                    .queryParam("to", "staging");
            case "POST /admin/rebuild" -> request.queryParam("switch", "not-now"); // past the door, no rebuild
            case "POST /api/projects/{projectId}/subscriptions",
                    "PUT /api/projects/{projectId}/subscriptions/{subscriptionId}" -> request
                    .contentType(ContentType.JSON).body(SUBSCRIPTION);
            case "POST /api/projects/{projectId}/notifications/read" -> request.contentType(ContentType.JSON).body("{}");
            case "GET /api/projects/{projectId}/notifications/stream" -> request.queryParam("seconds", "1");
            default -> {
            }
        }
        return request.request(call.method(), call.service() + path);
    }

    static Map<String, Object> adminClient() {
        Map<String, Object> config = new TreeMap<>(Infra.kafkaLogin(Infra.KAFKA, "admin"));
        config.put("bootstrap.servers", Infra.KAFKA);
        return config;
    }
}
