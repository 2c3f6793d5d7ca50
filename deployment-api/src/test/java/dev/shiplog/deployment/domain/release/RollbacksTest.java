package dev.shiplog.deployment.domain.release;

import static dev.shiplog.deployment.domain.release.Releases.artifact;
import static dev.shiplog.deployment.domain.release.Releases.line;
import static dev.shiplog.deployment.domain.release.Releases.live;
import static dev.shiplog.deployment.domain.release.Releases.recorded;
import static dev.shiplog.deployment.domain.release.Releases.withdrawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.Verdict;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.rules.ReleaseLine;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A rollback re-activates an earlier release exactly as recorded; given the environment's release line and the
 * deployments concerned, when a rollback is asked for, then its request, or the refusal with the reason.
 */
class RollbacksTest {

    static final EnvironmentRef STAGING = EnvironmentRef.of("shop", "staging");
    static final ReleaseLine V1_V2 = line(live("v1"), live("v2"));

    static Verdict<NewDeployment> rollback(ReleaseLine line, String from, String target, RecordedDeployment recorded,
            Instant deletedAt) {
        return Rollbacks.rollback(line, STAGING, from, target, recorded, "v2 breaks checkout", deletedAt);
    }

    @Test
    void aRollbackReturnsToTheReleaseBeforeWithItsArtifactVersionConfigurationAndSnapshotAsRecorded() {
        assertEquals(Verdict.of("v1"), Rollbacks.target(V1_V2, STAGING, "v2", null));
        NewDeployment request = rollback(V1_V2, "v2", "v1", recorded("v1", "staging", "success"), null).value();
        assertEquals(new NewDeployment.Restore(NewDeployment.Restore.Kind.ROLLBACK, "v1", artifact("v1"), "v2",
                "v2 breaks checkout", false, Releases.SNAPSHOT), request.restore());
        assertEquals("version-of-v1", request.version());
        assertEquals("make v1", request.config().buildCommand());
        assertEquals("abc123", request.gitCommit());
        assertEquals(Releases.SNAPSHOT, request.snapshotWith(null), "the target's snapshot, not the environment's");
        assertNull(request.scheduledAt());
    }

    @Test
    void theReleaseBeforeSkipsOneThatWasWithdrawn() {
        ReleaseLine line = line(live("v1"), withdrawn("v2"), live("v3"));
        assertEquals(Verdict.of("v1"), Rollbacks.target(line, STAGING, "v3", null));
    }

    @Test
    void aNamedTargetIsTakenAsNamed() {
        assertEquals(Verdict.of("v0"), Rollbacks.target(V1_V2, STAGING, "v2", "v0"));
    }

    @Test
    void withNothingBeforeThereIsNothingToReturnTo() {
        assertEquals(Verdict.refused(Refusal.conflict("targetDeploymentId", "no release was live in shop/staging"
                + " before v1: there is nothing to return to")), Rollbacks.target(line(live("v1")), STAGING, "v1",
                        null));
    }

    @Test
    void aDeploymentThatNeverWentLiveHasNoReleaseBefore() {
        assertEquals(Verdict.refused(Refusal.unprocessable("targetDeploymentId", "deployment v3 was never live in"
                + " shop/staging, so there is no release before it: name the one to return to")),
                Rollbacks.target(V1_V2, STAGING, "v3", null));
    }

    @Test
    void anEnvironmentWhereNothingIsLiveHasNothingToRollBack() {
        assertEquals(Verdict.of("v2"), Rollbacks.liveNow(V1_V2, STAGING));
        assertEquals(Verdict.refused(Refusal.conflict("environment", "nothing is live in shop/staging: there is"
                + " nothing to roll back")), Rollbacks.liveNow(line(withdrawn("v1")), STAGING));
    }

    @Test
    void anUnknownTargetIsRefused() {
        assertEquals(Refusal.unprocessable("targetDeploymentId", "no deployment v9"),
                rollback(V1_V2, "v2", "v9", null, null).refusal());
    }

    @Test
    void aRollbackStaysInItsEnvironment() {
        assertEquals(Refusal.unprocessable("targetDeploymentId", "deployment p1 is one of shop/production; a rollback"
                + " stays in shop/staging"), rollback(V1_V2, "v2", "p1", recorded("p1", "production", "success"),
                        null).refusal());
    }

    @Test
    void aTargetThatNeverWentLiveHereIsRefusedSayingWhatItIs() {
        ReleaseLine line = line(live("v1"), withdrawn("v2"), live("v3"));
        assertEquals(Refusal.unprocessable("targetDeploymentId", "deployment v2 was never live in shop/staging (it is"
                + " failed)"), rollback(line, "v3", "v2", recorded("v2", "staging", "failed"), null).refusal());
        assertEquals(Refusal.Kind.UNPROCESSABLE, rollback(line, "v3", "v4", recorded("v4", "staging", "cancelled"),
                null).refusal().kind());
    }

    @Test
    void aTargetThatDidNotSucceedIsRefused() {
        assertEquals(Refusal.unprocessable("targetDeploymentId", "deployment v1 did not succeed (it is deploying)"),
                rollback(V1_V2, "v2", "v1", recorded("v1", "staging", "deploying"), null).refusal());
    }

    @Test
    void aReleaseRolledBackOnceMayBeReturnedToAgain() {
        assertEquals(artifact("v1"), rollback(V1_V2, "v2", "v1", recorded("v1", "staging", "rolled_back"), null)
                .value().restore().artifactId());
    }

    @Test
    void theLiveReleaseIsNoTarget() {
        assertEquals(Refusal.conflict("targetDeploymentId", "deployment v2 is live in shop/staging already"),
                rollback(V1_V2, "v2", "v2", recorded("v2", "staging", "success"), null).refusal());
    }

    @Test
    void aReleaseWhoseArtifactRetentionLetGoCannotBeRestored() {
        Instant at = Instant.parse("2026-03-01T12:00:00Z");
        assertEquals(Refusal.conflict("targetDeploymentId", "deployment v1 cannot be restored: its artifact "
                + artifact("v1") + " was cleaned up at 2026-03-01T12:00:00Z (retention)"),
                rollback(V1_V2, "v2", "v1", recorded("v1", "staging", "success"), at).refusal());
    }
}
