package dev.shiplog.deployment.domain.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.ReleasePage;
import dev.shiplog.deployment.domain.Requests;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A pinned environment takes only rollbacks; only a deployment that is not over can be cancelled. */
class PinsAndCancellationTest {

    static final ReleasePage.Pin PIN = new ReleasePage.Pin("rb1", "v2 breaks checkout", "ann",
            Instant.parse("2026-03-01T12:00:00Z"));

    @Test
    void aDeploymentToAPinnedEnvironmentIsRefusedSayingHowToUnpinIt() {
        assertEquals(Refusal.conflict(null, "Environment staging of project shop is pinned since 2026-03-01T12:00:00Z"
                + " by rollback rb1 (v2 breaks checkout); unpin it first (POST /api/projects/shop/environments/staging"
                + "/unpin)"), Pins.refusal(Requests.fromGit(), PIN));
    }

    @Test
    void aPromotionIntoAPinnedEnvironmentIsRefusedToo() {
        NewDeployment promotion = new NewDeployment("shop", "staging", "1", null, null, null, null, null, null,
                new NewDeployment.Restore(NewDeployment.Restore.Kind.PROMOTION, "d1", "a".repeat(64), null, null,
                        false, null));
        assertEquals(Refusal.Kind.CONFLICT, Pins.refusal(promotion, PIN).kind());
    }

    @Test
    void anotherRollbackMayGoToAPinnedEnvironmentAndAnythingToAnUnpinnedOne() {
        assertNull(Pins.refusal(Requests.rollbackTo("v0"), PIN));
        assertNull(Pins.refusal(Requests.fromGit(), null));
    }

    @Test
    void unpinningAnEnvironmentThatIsNotPinnedIsAConflictAboutTheEnvironment() {
        assertEquals(Refusal.conflict("environment", "environment staging of project shop is not pinned"),
                Pins.unpinRefusal("shop", "staging", false));
        assertNull(Pins.unpinRefusal("shop", "staging", true));
    }

    @Test
    void aDeploymentThatIsOverCannotBeCancelled() {
        for (DeploymentStatus over : new DeploymentStatus[] { DeploymentStatus.SUCCESS, DeploymentStatus.FAILED,
                DeploymentStatus.CANCELLED, DeploymentStatus.ROLLED_BACK }) {
            assertEquals(Refusal.conflict(null, "Deployment d1 is already " + over.wire() + "; only a pending or"
                    + " running deployment can be cancelled"), Cancellation.refusal("d1", over.wire()));
        }
        for (DeploymentStatus open : new DeploymentStatus[] { DeploymentStatus.SCHEDULED, DeploymentStatus.PENDING,
                DeploymentStatus.BUILDING, DeploymentStatus.DEPLOYING }) {
            assertNull(Cancellation.refusal("d1", open.wire()));
        }
    }
}
