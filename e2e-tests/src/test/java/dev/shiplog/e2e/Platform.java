package dev.shiplog.e2e;

import dev.shiplog.testing.TestAuth;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.awaitility.Awaitility;

/** Where the services of {@code ./shiplog up} answer, and the steps every end-to-end test takes. */
final class Platform {
    static final String DEPLOYMENT_API = "http://127.0.0.1:8080";
    static final String PIPELINE_WORKER = "http://127.0.0.1:8082";
    static final String ENVIRONMENT_SERVICE = "http://127.0.0.1:8083";
    static final String NOTIFICATION_SERVICE = "http://127.0.0.1:8084";
    static final String[] SERVICES = { DEPLOYMENT_API, PIPELINE_WORKER, ENVIRONMENT_SERVICE, NOTIFICATION_SERVICE };

    static final Duration WAIT = Duration.ofSeconds(90);
    static final List<String> FINAL = List.of("success", "failed", "cancelled", "rolled_back");

    /**
     * POSTs a deployment until the gateway accepts it: it learns that a new environment exists from the log, and
     * answers 400 naming the environment until then; while a component is down it answers 503 or not at all. The
     * idempotency key makes every retry the same deployment. Returns the deployment id.
     */
    static String deploy(String body, String idempotencyKey) {
        return deploy(body, idempotencyKey, WAIT);
    }

    static String deploy(String body, String idempotencyKey, Duration wait) {
        return deployAs("Bearer " + TestAuth.admin(), body, idempotencyKey, wait);
    }

    /** As {@link #deploy(String, String, Duration)}, with the credential {@code authorization}. */
    static String deployAs(String authorization, String body, String idempotencyKey, Duration wait) {
        return Awaitility.await().atMost(wait).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            var response = RestAssured.given().contentType(ContentType.JSON).header("Authorization", authorization)
                    .header("Idempotency-Key", idempotencyKey).body(body)
                    .post(DEPLOYMENT_API + "/api/deployments");
            return response.statusCode() == 202 ? response.jsonPath().getString("id") : null;
        }, Objects::nonNull);
    }

    /** Configures an environment (retrying while the environment-service is away). */
    static void environment(String project, String environment, String body) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() ->
                RestAssured.given().contentType(ContentType.JSON).body(body)
                        .put(DEPLOYMENT_API + "/api/projects/" + project + "/environments/" + environment)
                        .statusCode() == 202);
    }

    /** Waits until the deployment is over; returns it as the API shows it. */
    static JsonPath finished(String id, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(
                () -> RestAssured.given().get(DEPLOYMENT_API + "/api/deployments/" + id).then().statusCode(200)
                        .extract().jsonPath(),
                d -> FINAL.contains(d.getString("status")));
    }

    private Platform() {
    }
}
