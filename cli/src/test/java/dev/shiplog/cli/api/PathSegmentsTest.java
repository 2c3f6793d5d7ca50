package dev.shiplog.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.cli.outcome.CliException;
import org.junit.jupiter.api.Test;

class PathSegmentsTest {

    @Test
    void aDeploymentIdOfTheApiPasses() {
        assertEquals("4faa64fe-abf4-4a43-9f76-a0a12ad6341e",
                PathSegments.deploymentId("4faa64fe-abf4-4a43-9f76-a0a12ad6341e"));
        assertEquals("Build_1.2", PathSegments.deploymentId("Build_1.2"));
    }

    @Test
    void anythingThatCouldChangeThePathIsAUsageErrorBeforeAnythingIsSent() {
        for (String hostile : new String[] { "../admin", "..", ".", "a/b", "a?b", "a#b", "a%2Fb", "a b", "x\n",
            "-rf", "", "\u001b[2J", "é", "a".repeat(65), null }) {
            CliException refused = assertThrows(CliException.class, () -> PathSegments.deploymentId(hostile),
                    String.valueOf(hostile));
            assertEquals(2, refused.exitCode());
            assertTrue(refused.getMessage().startsWith("not a deployment id: "), refused.getMessage());
            assertTrue(refused.getMessage().chars().noneMatch(c -> c < 0x20), "no control character is echoed");
        }
    }

    @Test
    void projectsAndEnvironmentsFollowTheNameRule() {
        assertEquals("shop-2", PathSegments.project("shop-2"));
        assertEquals("staging", PathSegments.environment("staging"));
        for (String bad : new String[] { "Shop", "-shop", "shop/../x", "shop_1", "a".repeat(64) }) {
            assertThrows(CliException.class, () -> PathSegments.project(bad), bad);
            assertThrows(CliException.class, () -> PathSegments.environment(bad), bad);
        }
    }

    @Test
    void segmentsAndQueryValuesArePercentEncoded() {
        assertEquals("/api/deployments/abc/cancel", PathSegments.path("api", "deployments", "abc", "cancel"));
        assertEquals("not%20today%20%26%20x%3Dy%2F..", PathSegments.encode("not today & x=y/.."));
    }
}
