package dev.shiplog.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which topics a module's test run deletes before it starts: its own module's of other runs, nothing else. */
class EarlierRunTopicsTest {

    private static final String THIS_RUN = ".test-pipeline-worker-1207113000";

    @Test
    void theSameModulesTopicsOfOtherRunsGoWithTheirDeadLetterTopics() {
        assertTrue(InfraResource.ofAnEarlierRun("shiplog.deployment.events.test-pipeline-worker-1206090000", THIS_RUN));
        assertTrue(InfraResource.ofAnEarlierRun(
                "shiplog.deployment.events.test-pipeline-worker-1206090000.pipeline-worker.scheduler.dlq", THIS_RUN));
        // the names from before runs had an id of their own
        assertTrue(InfraResource.ofAnEarlierRun("shiplog.access.events.test-pipeline-worker", THIS_RUN));
        assertTrue(InfraResource.ofAnEarlierRun("shiplog.access.events.test-pipeline-worker.pipeline-worker.access.dlq",
                THIS_RUN));
    }

    @Test
    void thisRunsOtherModulesAndThePlatformsTopicsStay() {
        assertFalse(InfraResource.ofAnEarlierRun("shiplog.deployment.events" + THIS_RUN, THIS_RUN));
        assertFalse(InfraResource.ofAnEarlierRun("shiplog.deployment.events" + THIS_RUN + ".pipeline-worker.scheduler.dlq",
                THIS_RUN));
        assertFalse(InfraResource.ofAnEarlierRun("shiplog.deployment.events.test-deployment-api-1206090000", THIS_RUN));
        assertFalse(InfraResource.ofAnEarlierRun("shiplog.deployment.events.test-pipeline-workers-1206090000", THIS_RUN));
        assertFalse(InfraResource.ofAnEarlierRun("shiplog.deployment.events", THIS_RUN));
        assertFalse(InfraResource.ofAnEarlierRun("shiplog.deployment.events.pipeline-worker.scheduler.dlq", THIS_RUN));
        // without a suffix (the platform itself) nothing is anyone's earlier run
        assertFalse(InfraResource.ofAnEarlierRun("shiplog.deployment.events.test-pipeline-worker-1206090000", ""));
    }
}
