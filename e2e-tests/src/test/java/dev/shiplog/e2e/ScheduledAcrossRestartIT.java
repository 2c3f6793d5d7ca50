package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A scheduled deployment survives {@code ./shiplog down && ./shiplog up} of every service and starts on time: its
 * schedule is the lanes' state, from the log. A long run ({@code ./shiplog soak}): it waits for its time across the
 * restart; the pipeline-worker's own tests take a schedule to its time in {@code ./shiplog test}.
 */
@Isolated
@Tag("soak")
class ScheduledAcrossRestartIT {

    final ReleasesIT releases = new ReleasesIT();

    @Test
    void aScheduledDeploymentSurvivesARestartOfEveryServiceAndStartsOnTime() {
        String project = releases.project;
        ReleasesIT.environment(project, "staging", "{}");
        Instant at = Instant.now().plusSeconds(75);
        String body = releases.body("staging", "later").replaceFirst("\\}$", ", \"scheduledAt\": \"" + at + "\"}");
        String id = given().contentType(ContentType.JSON).body(body).post(Platform.DEPLOYMENT_API
                + "/api/deployments").then().statusCode(202).body("status", equalTo("scheduled")).extract().path("id");
        await().atMost(Platform.WAIT).untilAsserted(() -> given().get(Platform.DEPLOYMENT_API + "/api/projects/" + project
                + "/deployments?status=scheduled").then().body("items.id", equalTo(List.of(id))));
        // every service stopped and started again (ChaosIT and OutageIT take the infrastructure down)
        Components.downServices();
        Components.upServices();
        assertTrue(Instant.now().isBefore(at), "the services took too long to come back for this test");
        JsonPath done = Platform.finished(id, Platform.WAIT.plusSeconds(90));
        assertEquals("success", done.getString("status"), done.prettify());
        // it takes its place in its lane (scheduled -> pending) within a second of its time; its first stage follows
        Duration late = Duration.between(at, Instant.parse(done.getString("queuedAt")));
        System.out.printf("scheduled deployment after a restart: in its lane %d ms, first stage %d ms after its"
                + " time%n", late.toMillis(), Duration.between(at, Instant.parse(done.getString("startedAt")))
                        .toMillis());
        assertTrue(!late.isNegative() && late.toMillis() < 1000, "took its place " + late + " after its time");
    }
}
