package dev.shiplog.deployment.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.Requests;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which role each command needs, and four eyes on a deployment that waits for an approval. */
class AuthorityAndApprovalsTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void deployingNeedsADeployerAndAMaintainerInAProtectedEnvironment() {
        assertEquals(new Requirement(ProjectRole.DEPLOYER, "deployment.request", "deploying to staging"),
                Authority.toChange(DeploymentAction.REQUEST, "staging", false));
        assertEquals(new Requirement(ProjectRole.MAINTAINER, "deployment.request",
                "deploying to the protected environment production"),
                Authority.toChange(DeploymentAction.REQUEST, "production", true));
    }

    @Test
    void rollingBackPromotingAndCancellingFollowTheSameRule() {
        assertEquals(new Requirement(ProjectRole.MAINTAINER, "deployment.rollback",
                "rolling back the protected environment production"),
                Authority.toChange(DeploymentAction.ROLLBACK, "production", true));
        assertEquals(ProjectRole.DEPLOYER, Authority.toChange(DeploymentAction.PROMOTE, "staging", false).role());
        assertEquals("cancelling a deployment in staging",
                Authority.toChange(DeploymentAction.CANCEL, "staging", false).why());
    }

    @Test
    void whatARequestDoesIsNamedForTheAudit() {
        assertEquals(DeploymentAction.REQUEST, DeploymentAction.of(Requests.fromGit()));
        assertEquals(DeploymentAction.ROLLBACK, DeploymentAction.of(Requests.rollbackTo("v1")));
        NewDeployment promotion = new NewDeployment("shop", "production", "1", null, null, null, null, null, null,
                new NewDeployment.Restore(NewDeployment.Restore.Kind.PROMOTION, "d1", "a".repeat(64), null, null,
                        false, null));
        assertEquals("deployment.promote", DeploymentAction.of(promotion).action());
    }

    @Test
    void unpinningDecidingAndRetentionNeedTheirRoles() {
        assertEquals(new Requirement(ProjectRole.MAINTAINER, "environment.unpin",
                "unpinning the protected environment production"), Authority.toUnpin("production", true));
        assertEquals(new Requirement(ProjectRole.DEPLOYER, "environment.unpin", "unpinning staging"),
                Authority.toUnpin("staging", false));
        assertEquals(new Requirement(ProjectRole.MAINTAINER, "deployment.reject", "rejecting a deployment"),
                Authority.toDecide(false));
        assertEquals(ProjectRole.MAINTAINER, Authority.toSetRetention().role());
        assertEquals("artifacts.cleanup", Authority.toCleanUp().action());
    }

    static Approvals.Waiting waiting(String status, String approval, Instant expires) {
        return new Approvals.Waiting("d1", "ann", status, approval, expires);
    }

    @Test
    void anotherMaintainerMayApproveADeploymentThatWaits() {
        assertNull(Approvals.refusal(waiting("pending", "waiting", NOW.plusSeconds(60)), "ben", NOW));
    }

    @Test
    void itsRequesterMayNot() {
        assertEquals(Refusal.forbidden("ann asked for this deployment; it needs the approval of another maintainer"),
                Approvals.refusal(waiting("pending", "waiting", NOW.plusSeconds(60)), "ann", NOW));
    }

    @Test
    void aDeploymentThatDoesNotWaitForAnApprovalAnyMoreIsAConflict() {
        assertEquals(Refusal.conflict(null, "Deployment d1 does not wait for an approval (it is pending, approval"
                + " approved)"), Approvals.refusal(waiting("pending", "approved", null), "ben", NOW));
        assertEquals(Refusal.conflict(null, "Deployment d1 does not wait for an approval (it is success)"),
                Approvals.refusal(waiting("success", null, null), "ben", NOW));
        assertEquals(Refusal.Kind.CONFLICT, Approvals.refusal(waiting("cancelled", "waiting", null), "ben", NOW)
                .kind());
    }

    @Test
    void anExpiredApprovalIsAConflictSayingToAskAgain() {
        assertEquals(Refusal.conflict(null, "The approval of deployment d1 expired at 2026-03-01T11:59:00Z; ask for"
                + " the deployment again"), Approvals.refusal(waiting("pending", "waiting", NOW.minusSeconds(60)),
                        "ben", NOW));
    }

    @Test
    void aDeploymentWaitsForItsApprovalForTheTimeoutWhereApprovalsAreRequired() {
        assertEquals(NOW.plus(Duration.ofHours(24)), Approvals.expiry(true, NOW, Duration.ofHours(24)));
        assertNull(Approvals.expiry(false, NOW, Duration.ofHours(24)));
    }
}
