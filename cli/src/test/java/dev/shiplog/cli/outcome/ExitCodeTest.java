package dev.shiplog.cli.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @Test
    void aDeploymentThatSucceededExitsZeroAndEveryOtherEndOne() {
        // given / when / then
        assertEquals(0, ExitCode.forFinalStatus("success"));
        assertEquals(1, ExitCode.forFinalStatus("failed"));
        assertEquals(1, ExitCode.forFinalStatus("cancelled"));
        assertEquals(1, ExitCode.forFinalStatus("rolled_back"));
    }

    @Test
    void aDeploymentStillMovingIsNotOver() {
        for (String status : new String[] { "scheduled", "pending", "building", "deploying", null, "" }) {
            assertFalse(ExitCode.isFinal(status), status);
        }
        assertTrue(ExitCode.isFinal("SUCCESS"));
        assertThrows(IllegalArgumentException.class, () -> ExitCode.forFinalStatus("building"));
    }

    @Test
    void aRefusalIsThreeAndAFailingOrStrangeGatewayFive() {
        assertEquals(0, ExitCode.forHttpStatus(200));
        assertEquals(0, ExitCode.forHttpStatus(202));
        assertEquals(3, ExitCode.forHttpStatus(400));
        assertEquals(3, ExitCode.forHttpStatus(401));
        assertEquals(3, ExitCode.forHttpStatus(404));
        assertEquals(3, ExitCode.forHttpStatus(409));
        assertEquals(3, ExitCode.forHttpStatus(429));
        assertEquals(5, ExitCode.forHttpStatus(500));
        assertEquals(5, ExitCode.forHttpStatus(503));
        assertEquals(5, ExitCode.forHttpStatus(101));
    }

    @Test
    void everyCodeIsDescribedForTheHelp() {
        assertEquals(7, ExitCode.DESCRIPTIONS.size());
        assertTrue(ExitCode.DESCRIPTIONS.keySet().stream().map(String::strip).toList()
                .containsAll(java.util.List.of("0", "1", "2", "3", "4", "5", "70")));
    }
}
