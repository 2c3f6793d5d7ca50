package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged platform, as a user meets it: separate processes talking only through the real broker and registry.
 */
class PlatformIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void everyServiceIsHealthy() {
        for (String service : Platform.SERVICES) {
            given().get(service + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void anEnvironmentConfiguredOverHttpIsProjectedFromTheLog() {
        String project = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"url\": \"https://staging.example.test\", \"settings\": {\"logLevel\": \"debug\"}}")
                .put(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments/staging")
                .then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() -> given()
                .get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments")
                .then().statusCode(200)
                .body("[0].name", equalTo("staging"))
                .body("[0].settings.logLevel", equalTo("debug")));
    }
}
