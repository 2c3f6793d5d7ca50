package dev.shiplog.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What is live, what was before, what a rollback may target: given releases, when one ends, then ... */
class ReleaseLineTest {

    static final String WHERE = "shop/staging";

    @Test
    void theLastReleaseThatWentLiveIsLive() {
        ReleaseLine line = ReleaseLine.empty().activated("d1", "a1").activated("d2", "a2");
        assertEquals("d2", line.live().orElseThrow().deploymentId());
        assertEquals("d1", line.before("d2").orElseThrow().deploymentId());
        assertEquals(Optional.empty(), line.before("d1"));
    }

    @Test
    void aReleaseWhoseDeploymentFailedAfterItsActivationIsWithdrawnAndTheOneBeforeIsLiveAgain() {
        ReleaseLine line = ReleaseLine.empty().activated("d1", "a1").activated("d2", "a2")
                .endedWithoutSuccess("d2");
        assertEquals("d1", line.live().orElseThrow().deploymentId());
        ReleaseLine next = line.activated("d3", "a3");
        assertEquals("d1", next.before("d3").orElseThrow().deploymentId(), "a withdrawn release was never live");
    }

    @Test
    void anEndOfADeploymentThatNeverWentLiveChangesNothing() {
        ReleaseLine line = ReleaseLine.empty().activated("d1", "a1");
        assertEquals(line.releases(), line.endedWithoutSuccess("other").releases());
    }

    @Test
    void theSameActivationTwiceIsOneRelease() {
        ReleaseLine line = ReleaseLine.empty().activated("d1", "a1").activated("d1", "a1");
        assertEquals(1, line.releases().size());
    }

    @Test
    void anOldRollbackMakesTheRestoredReleaseLiveAgainAsTheMostRecent() {
        ReleaseLine line = ReleaseLine.empty().activated("d1", "a1").activated("d2", "a2").liveAgain("d1", null);
        assertEquals("d1", line.live().orElseThrow().deploymentId());
        assertEquals("a1", line.live().orElseThrow().artifactId());
        assertEquals("d2", line.before("d1").orElseThrow().deploymentId());
        assertEquals("a9", ReleaseLine.empty().liveAgain("d9", "a9").live().orElseThrow().artifactId(),
                "a release the line never saw joins it");
    }

    @Test
    void noReleaseNothingLive() {
        assertTrue(ReleaseLine.empty().live().isEmpty());
        assertTrue(ReleaseLine.empty().activated("d1", "a1").endedWithoutSuccess("d1").live().isEmpty());
    }

    @Test
    void aRollbackMayTargetAnEarlierReleaseWithItsOwnArtifactStillKept() {
        ReleaseLine line = ReleaseLine.empty().activated("d1", "a1").activated("d2", "a2");
        assertNull(line.rollbackRefusal("d1", "a1", true, WHERE));
        assertNull(line.rollbackRefusal("d1", null, true, WHERE));
    }

    @Test
    void aRollbackIsRefusedWithTheReason() {
        ReleaseLine line = ReleaseLine.empty().activated("d1", "a1").activated("d2", "a2").activated("d3", "a3")
                .endedWithoutSuccess("d3");
        assertEquals("deployment x never went live in shop/staging: there is nothing to return to",
                line.rollbackRefusal("x", null, true, WHERE));
        assertEquals("deployment d3 never went live in shop/staging: there is nothing to return to",
                line.rollbackRefusal("d3", null, true, WHERE), "withdrawn");
        assertEquals("deployment d2 is live in shop/staging already", line.rollbackRefusal("d2", null, true, WHERE));
        assertEquals("deployment d1 went live with artifact a1, not a9", line.rollbackRefusal("d1", "a9", true, WHERE));
        assertEquals("deployment d1 cannot be restored: its artifact a1 was cleaned up (retention)",
                line.rollbackRefusal("d1", "a1", false, WHERE));
    }
}
