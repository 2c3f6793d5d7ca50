package dev.shiplog.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.cli.config.Connection;
import dev.shiplog.cli.outcome.CliException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class GatewayClientTest {

    static final String PROBLEM = "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No deployment x\"}";

    GatewayClient client(String token) {
        return new GatewayClient(new Connection(URI.create("http://127.0.0.1:8080"), token, "--url", "SHIPLOG_TOKEN"));
    }

    @Test
    void aClientErrorIsARefusalWithTheProblemsWordsAndTheProblemForJson() {
        CliException refused = client("t").failure(404, PROBLEM);
        assertEquals(3, refused.exitCode());
        assertEquals("refused: 404 Not Found: No deployment x", refused.getMessage());
        assertEquals(PROBLEM, refused.document());
    }

    @Test
    void anUnauthorizedAnswerSaysWhichTokenWasRefusedAndHowToGiveOne() {
        assertTrue(client("t").failure(401, "{}").getMessage().endsWith(
                "the token from SHIPLOG_TOKEN was not accepted: shiplog login, --token or SHIPLOG_TOKEN"));
        assertTrue(client(null).failure(401, "").getMessage().contains("no token given"));
    }

    @Test
    void aServerErrorOrARedirectIsTheGatewaysFailure() {
        assertEquals(5, client("t").failure(503, "{\"title\":\"Service Unavailable\"}").exitCode());
        CliException redirect = client("t").failure(302, "");
        assertEquals(5, redirect.exitCode());
        assertNull(redirect.document());
    }

    @Test
    void aGatewayNobodyListensOnIsUnreachable() throws Exception {
        // given a port that was free a moment ago
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GatewayClient nobody = new GatewayClient(new Connection(URI.create("http://127.0.0.1:" + port), "t", "--url",
                "--token"));
        // when / then
        CliException unreachable = assertThrows(CliException.class, () -> nobody.get("/api/me"));
        assertEquals(5, unreachable.exitCode());
        assertTrue(unreachable.getMessage().startsWith("cannot reach the gateway at http://127.0.0.1:" + port
                + " (from --url)"), unreachable.getMessage());
    }
}
