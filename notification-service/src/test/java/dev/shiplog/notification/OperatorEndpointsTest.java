package dev.shiplog.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestAuth;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A service listening on every address (as it would behind a load balancer, {@code SHIPLOG_HTTP_HOST=0.0.0.0}):
 * health, metrics and the OpenAPI document answer this machine's loopback only; a caller from another address gets a
 * 403 problem, and the API a 401 without a credential, as from anywhere. (service-kit {@code HttpEdge}, the same in
 * every service.)
 */
@QuarkusTest
@TestProfile(OperatorEndpointsTest.OnEveryAddress.class)
@WithTestResource(InfraResource.class)
class OperatorEndpointsTest {

    public static class OnEveryAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.host", "0.0.0.0");
        }
    }

    /** An IPv4 address of this machine that is not loopback: requests to it come from it, not from 127.0.0.1. */
    static Optional<String> ownAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void healthAndTheOpenApiDocumentAnswerThisMachineOnly() throws SocketException {
        given().header("Authorization", TestAuth.NONE).get("/q/health/ready").then().statusCode(200);
        Optional<String> address = ownAddress();
        assumeTrue(address.isPresent(), "this machine has no address but loopback: nothing to call from elsewhere");
        String elsewhere = "http://" + address.get() + ":" + RestAssured.port;
        for (String path : new String[] { "/q/health/ready", "/q/health", "/q/openapi", "/q/metrics" }) {
            given().header("Authorization", TestAuth.NONE).get(elsewhere + path).then().statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("this machine only"));
        }
        given().header("Authorization", TestAuth.NONE).get(elsewhere + "/api/notifications?projectId=shop").then()
                .statusCode(401).contentType("application/problem+json");
    }
}
