package dev.shiplog.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestAuth;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Health and the OpenAPI document ({@code /q/health}, {@code /q/openapi}: both exist in this service) answer callers
 * on this machine only; a caller from another address gets a 403 problem, and the API a 401 without a credential,
 * as from anywhere (service-kit {@code HttpEdge}, installed in every service, decides on the caller's address).
 *
 * <p>How a caller from another address is made: the requests never leave loopback (this runs the same on a machine
 * whose only address is loopback, and sends nothing to any other address). Under {@code %test} the service takes
 * the caller's address from {@code X-Forwarded-For} when the connection comes from a trusted proxy, 127.0.0.1
 * ({@code quarkus.http.proxy.*} in application.properties), as it would behind a load balancer; the test plays that
 * proxy, forwarding for a caller elsewhere. The edge then sees exactly what it sees of a caller on another machine:
 * a remote address that is not loopback. Without the header (or forwarding for a loopback address) the caller is
 * this machine, and the same endpoints answer 200: the rule is proved on both sides, nothing is skipped. (The rule
 * "this machine only" itself is service-kit's; a pure test of it belongs there.)
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class OperatorEndpointsTest {

    static final List<String> OPERATOR_PATHS = List.of("/q/health", "/q/health/ready", "/q/health/live",
            "/q/openapi");
    static final List<String> ELSEWHERE = List.of("203.0.113.7", "192.0.2.44", "10.1.2.3", "2001:db8::1");

    @Test
    void healthAndTheOpenApiDocumentAnswerThisMachine() {
        given().header("Authorization", TestAuth.NONE).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
        given().header("Authorization", TestAuth.NONE).get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Shiplog notification-service"))
                .body("paths", hasKey("/api/projects/{projectId}/subscriptions"));
        // forwarded for this machine, over IPv4 or IPv6: still this machine
        for (String local : List.of("127.0.0.1", "127.0.0.2", "::1")) {
            given().header("Authorization", TestAuth.NONE).header("X-Forwarded-For", local).get("/q/health")
                    .then().statusCode(200);
        }
    }

    @Test
    void healthAndTheOpenApiDocumentAnswerNoOtherAddress() {
        for (String caller : ELSEWHERE) {
            for (String path : OPERATOR_PATHS) {
                given().header("Authorization", TestAuth.NONE).header("X-Forwarded-For", caller).get(path).then()
                        .statusCode(403).contentType("application/problem+json")
                        .body("detail", equalTo("Health, metrics and the OpenAPI document are served to this machine"
                                + " only"));
            }
        }
    }

    @Test
    void fromAnotherAddressTheApiStillWantsACredentialNotTheMachine() {
        given().header("Authorization", TestAuth.NONE).header("X-Forwarded-For", "203.0.113.7")
                .get("/api/notifications?projectId=shop").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Forwarded-For", "203.0.113.7").get("/api/notifications?projectId=shop").then()
                .statusCode(200);
    }
}
