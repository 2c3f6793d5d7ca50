package dev.shiplog.pipeline.service.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A health check probes the release it checks, and nothing else (the path came from the log). */
class VerifyStageTest {

    static final String RELEASE = "http://127.0.0.1:8082/deployments/d-1/";

    @Test
    void aPathOnTheReleaseIsProbedThere() {
        assertEquals(RELEASE + "health?full=1", VerifyStage.probeUrl(RELEASE, "/health?full=1"));
        assertEquals(RELEASE, VerifyStage.probeUrl(RELEASE, null));
    }

    @Test
    void aPathLeavingTheReleaseIsNeverProbed() {
        assertNull(VerifyStage.probeUrl(RELEASE, "/../../q/health"));
        assertNull(VerifyStage.probeUrl(RELEASE, "/%2e%2e/%2E%2E/q/health"));
        assertNull(VerifyStage.probeUrl(RELEASE, "//evil.example/"));
        assertNull(VerifyStage.probeUrl(RELEASE, "health"));
    }
}
