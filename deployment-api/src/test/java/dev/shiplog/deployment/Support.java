package dev.shiplog.deployment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.testing.TestEvents;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;

/** Shared steps of the deployment-api tests. */
final class Support {

    /** Publishes EnvironmentConfigured (as environment-service does) and waits until the API knows it. */
    static void environmentExists(String project, String environment) {
        environment(project, environment, false, false);
    }

    /** An environment, protected or not, requiring approvals or not, known to the API (probed as the admin). */
    static void environment(String project, String environment, boolean protectedEnvironment,
            boolean approvalRequired) {
        TestEvents.get().publish(Topics.ENVIRONMENT_EVENTS, Topics.environmentKey(project, environment),
                EnvironmentConfigured.newBuilder().setEnvelope(TestEvents.envelope(project + "/" + environment))
                        .setProjectId(project).setEnvironment(environment).setSettings(Map.of())
                        .setProtected$(protectedEnvironment).setApprovalRequired(approvalRequired).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> given().contentType(ContentType.JSON)
                .body("{\"projectId\": \"" + project + "\", \"environment\": \"" + environment + "\", \"version\": \"probe\","
                        + " \"gitUrl\": \"file:///srv/git/probe\"}")
                .header("Idempotency-Key", "environment-probe-" + environment)
                .post("/api/deployments").statusCode() == 202);
    }

    private Support() {
    }
}
