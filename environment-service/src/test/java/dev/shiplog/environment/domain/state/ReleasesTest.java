package dev.shiplog.environment.domain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What is live in an environment, as schemas' ReleaseLine answers it from this service's facts: given the facts so
 * far, when one more arrives, then what is live.
 */
class ReleasesTest {

    @Test
    void nothingIsLiveBeforeAnythingWentLive() {
        assertEquals(Optional.empty(), Releases.none().live());
        assertEquals(Optional.empty(), given(new Fact.Succeeded("d1", "1.0.0", "a1")).live(),
                "a success says nothing went live: the activation does");
    }

    @Test
    void aReleaseIsLiveFromItsActivationWithTheVersionItsRequestNamed() {
        Releases releases = given(new Fact.Activated("d1", "a1", "1.0.0"));
        assertEquals(live("d1", "1.0.0", "a1"), releases.live());
    }

    @Test
    void theNextActivationReplacesIt() {
        Releases releases = given(new Fact.Activated("d1", "a1", "1.0.0"), new Fact.Succeeded("d1", "1.0.0", "a1"),
                new Fact.Activated("d2", "a2", "2.0.0"));
        assertEquals(live("d2", "2.0.0", "a2"), releases.live());
    }

    @Test
    void aSuccessTellsTheVersionWhenTheRequestWasNotSeen() {
        Releases activated = given(new Fact.Activated("d1", "a1", null));
        assertEquals(live("d1", null, "a1"), activated.live());
        assertEquals(live("d1", "1.0.0", "a1"), activated.after(new Fact.Succeeded("d1", "1.0.0", "a1")).live());
    }

    @Test
    void aDeploymentThatFailsAfterGoingLiveIsWithdrawnAndTheOneBeforeIsLiveAgain() {
        Releases before = given(new Fact.Activated("d1", "a1", "1.0.0"), new Fact.Succeeded("d1", "1.0.0", "a1"),
                new Fact.Activated("d2", "a2", "2.0.0"));
        Releases after = before.after(new Fact.Withdrawn("d2"));
        assertEquals(live("d1", "1.0.0", "a1"), after.live());
        assertTrue(Releases.isNews(new Fact.Withdrawn("d2"), before, after));
    }

    @Test
    void withNothingBeforeAWithdrawnReleaseNothingIsLive() {
        assertEquals(Optional.empty(), given(new Fact.Activated("d1", "a1", "1.0.0"), new Fact.Withdrawn("d1"))
                .live());
    }

    @Test
    void theEndOfADeploymentThatNeverWentLiveIsNoNews() {
        Releases before = given(new Fact.Activated("d1", "a1", "1.0.0"));
        Releases after = before.after(new Fact.Withdrawn("d2"));
        assertFalse(Releases.isNews(new Fact.Withdrawn("d2"), before, after));
        assertEquals(live("d1", "1.0.0", "a1"), after.live());
    }

    @Test
    void anActivationSeenTwiceChangesNothing() {
        Releases releases = given(new Fact.Activated("d1", "a1", "1.0.0"), new Fact.Activated("d2", "a2", "2.0.0"),
                new Fact.Activated("d1", "a9", "9.9.9"));
        assertEquals(live("d2", "2.0.0", "a2"), releases.live());
        assertEquals(2, releases.line().releases().size());
    }

    @Test
    void aRollbackIsADeploymentOfItsOwnThatGoesLiveWithTheTargetsArtifact() {
        // d2 replaced d1; the rollback r re-activates d1's artifact under its own id, and its version (the gateway
        // copied d1's into its request); its DeploymentRolledBack names r and is no fact of what is live
        Releases releases = given(new Fact.Activated("d1", "a1", "1.0.0"), new Fact.Succeeded("d1", "1.0.0", "a1"),
                new Fact.Activated("d2", "a2", "2.0.0"), new Fact.Succeeded("d2", "2.0.0", "a2"),
                new Fact.Activated("r", "a1", "1.0.0"), new Fact.Succeeded("r", "1.0.0", "a1"));
        assertEquals(live("r", "1.0.0", "a1"), releases.live());
    }

    @Test
    void aRollbackThatFailsAfterGoingLiveLeavesWhatItReplacedLive() {
        Releases releases = given(new Fact.Activated("d1", "a1", "1.0.0"), new Fact.Activated("d2", "a2", "2.0.0"),
                new Fact.Activated("r", "a1", "1.0.0"), new Fact.Withdrawn("r"));
        assertEquals(live("d2", "2.0.0", "a2"), releases.live());
    }

    @Test
    void anOldShapeRollbackMakesTheRestoredReleaseLiveAgain() {
        Releases releases = given(new Fact.Activated("d1", "a1", "1.0.0"), new Fact.Activated("d2", "a2", "2.0.0"),
                new Fact.Restored("d1"));
        assertEquals(live("d1", "1.0.0", "a1"), releases.live());
        assertEquals(live("d3", "3.0.0", "a3"), releases.after(new Fact.Activated("d3", "a3", "3.0.0")).live(),
                "and the next deployment replaces it");
    }

    @Test
    void anOldShapeRollbackMayRestoreAReleaseFurtherBack() {
        Releases releases = given(new Fact.Activated("d1", "a1", "1.0.0"), new Fact.Activated("d2", "a2", "2.0.0"),
                new Fact.Activated("d3", "a3", "3.0.0"), new Fact.Restored("d1"));
        assertEquals(live("d1", "1.0.0", "a1"), releases.live());
        assertEquals(live("d1", "1.0.0", "a1"), releases.after(new Fact.Activated("d4", "a4", "4.0.0"))
                .after(new Fact.Withdrawn("d4")).live(), "a withdrawal after it returns to it, not to d3");
    }

    @Test
    void anOldShapeRollbackToADeploymentNeverSeenGoLiveMakesItLiveWithoutVersionOrArtifact() {
        Releases releases = given(new Fact.Activated("d2", "a2", "2.0.0"), new Fact.Restored("d1"));
        assertEquals(live("d1", null, null), releases.live());
    }

    @Test
    void aJournalOfAnEarlierVersionSaysWhatWentLiveOnEachSuccess() {
        Releases releases = given(new Fact.WentLive("d1", "1.0.0", "a1"), new Fact.WentLive("d2", "2.0.0", "a2"));
        assertEquals(live("d2", "2.0.0", "a2"), releases.live());
        assertEquals(live("d1", "1.0.0", "a1"), releases.after(new Fact.Restored("d1")).live());
    }

    @Test
    void factsAboutOtherThingsChangeNothing() {
        Releases releases = given(new Fact.Activated("d1", "a1", "1.0.0"));
        assertSame(releases, releases.after(new Fact.HealthChanged("down")));
        assertFalse(Releases.isAbout(new Fact.Pinned("r", "why", "ann")));
        assertTrue(Releases.isAbout(new Fact.Restored("d1")));
        assertTrue(Releases.isNews(new Fact.Pinned("r", "why", "ann"), releases, releases));
    }

    private static Releases given(Fact... facts) {
        Releases releases = Releases.none();
        for (Fact fact : facts) {
            releases = releases.after(fact);
        }
        return releases;
    }

    private static Optional<Releases.Live> live(String deploymentId, String version, String artifactId) {
        return Optional.of(new Releases.Live(deploymentId, version, artifactId));
    }
}
