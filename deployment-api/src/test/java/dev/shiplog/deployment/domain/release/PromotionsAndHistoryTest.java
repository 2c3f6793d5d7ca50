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
import dev.shiplog.schema.rules.ReleaseLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A promotion deploys a successful deployment's very artifact elsewhere; the releases view, newest first. */
class PromotionsAndHistoryTest {

    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aPromotionDeploysTheSourcesArtifactIntoTheOtherEnvironmentWithThatEnvironmentsConfiguration() {
        NewDeployment request = Promotions.promote(recorded("s5", "staging", "success"), "production", AT, null)
                .value();
        assertEquals("production", request.environment());
        assertEquals(new NewDeployment.Restore(NewDeployment.Restore.Kind.PROMOTION, "s5", artifact("s5"), null, null,
                false, null), request.restore());
        assertEquals("version-of-s5", request.version());
        assertEquals(AT, request.scheduledAt());
        assertNull(request.snapshotWith(null), "the target environment's snapshot, taken when it is accepted");
    }

    @Test
    void onlyASuccessfulDeploymentWithAnArtifactIsPromoted() {
        assertEquals(Refusal.conflict("id", "deployment s6 did not succeed (it is failed): only a successful"
                + " deployment's artifact is promoted"), Promotions.promote(recorded("s6", "staging", "failed"),
                        "production", null, null).refusal());
        RecordedDeployment noArtifact = new RecordedDeployment("s7", "shop", "staging", "success", "1", null, null,
                null, null, null, null, null);
        assertEquals(Refusal.Kind.CONFLICT, Promotions.promote(noArtifact, "production", null, null).refusal()
                .kind());
    }

    @Test
    void aPromotionGoesToAnotherEnvironment() {
        assertEquals(Refusal.unprocessable("environment", "is the environment deployment s5 is in already: promote it"
                + " to another one"), Promotions.promote(recorded("s5", "staging", "success"), "staging", null, null)
                        .refusal());
    }

    @Test
    void anArtifactRetentionLetGoCannotBePromoted() {
        assertEquals(Refusal.conflict("id", "deployment s5 cannot be restored: its artifact " + artifact("s5")
                + " was cleaned up at 2026-03-01T12:00:00Z (retention)"),
                Promotions.promote(recorded("s5", "staging", "success"), "production", null, AT).refusal());
    }

    static List<String> ids(List<ReleaseLine.Release> releases) {
        return releases.stream().map(ReleaseLine.Release::deploymentId).toList();
    }

    @Test
    void theHistoryListsEveryReleaseThatWentLiveNewestFirstAPageAtATime() {
        ReleaseLine line = line(live("v1"), live("v2"), withdrawn("v3"), live("v4"));
        assertEquals(List.of("v4", "v2", "v1"), ids(ReleaseHistoryView.newestFirst(line)));
        assertEquals(List.of("v4", "v2"), ids(ReleaseHistoryView.page(line, 0, 2)));
        assertEquals(List.of("v1"), ids(ReleaseHistoryView.page(line, 1, 2)));
        assertEquals(List.of(), ids(ReleaseHistoryView.page(line, 5, 2)));
        assertEquals(List.of(), ids(ReleaseHistoryView.page(ReleaseLine.empty(), 0, 20)));
    }
}
