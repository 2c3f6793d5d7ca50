package dev.shiplog.pipeline.domain.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Retention's rule, given a project's artifacts and release histories, expect what goes. */
class RetentionTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration GRACE = Duration.ofHours(1);

    static Retention.Artifact artifact(String id, int daysOld) {
        return new Retention.Artifact(id, NOW.minus(Duration.ofDays(daysOld)));
    }

    static Retention.Release release(String environment, String id, String artifact, long position) {
        return new Retention.Release(environment, id, artifact, position);
    }

    @Test
    void theLastNReleasesOfEachEnvironmentStayAndTheRestGo() {
        var artifacts = List.of(artifact("a1", 9), artifact("a2", 8), artifact("a3", 7), artifact("a4", 6));
        var releases = List.of(release("staging", "d1", "a1", 1), release("staging", "d2", "a2", 2),
                release("staging", "d3", "a3", 3), release("staging", "d4", "a4", 4));
        assertEquals(Set.of("a1", "a2"), Retention.toDelete(new Retention.Policy(2, null), artifacts, releases,
                Set.of(), NOW, GRACE).keySet());
    }

    @Test
    void theLiveReleaseAndItsRollbackTargetStayEvenWithKeepLastOne() {
        var artifacts = List.of(artifact("a1", 9), artifact("a2", 8), artifact("a3", 7));
        var releases = List.of(release("staging", "d1", "a1", 1), release("staging", "d2", "a2", 2),
                release("staging", "d3", "a3", 3));
        assertEquals(Set.of("a1"), Retention.toDelete(new Retention.Policy(1, null), artifacts, releases, Set.of(),
                NOW, GRACE).keySet());
    }

    @Test
    void anArtifactKeptByAnyEnvironmentStays() {
        // a1 is old in staging but was promoted to production, where it is live
        var artifacts = List.of(artifact("a1", 9), artifact("a2", 8), artifact("a3", 7));
        var releases = List.of(release("staging", "d1", "a1", 1), release("staging", "d2", "a2", 2),
                release("staging", "d3", "a3", 3), release("production", "p1", "a1", 4));
        assertEquals(Set.of(), Retention.toDelete(new Retention.Policy(2, null), artifacts, releases, Set.of(), NOW,
                GRACE).keySet());
    }

    @Test
    void aReleasedArtifactBeyondTheLastNGoesHoweverYoungButOneNeverReleasedWaitsForTheGrace() {
        var artifacts = List.of(new Retention.Artifact("a1", NOW.minusSeconds(30)),
                new Retention.Artifact("a2", NOW.minusSeconds(20)), new Retention.Artifact("a3", NOW.minusSeconds(10)),
                new Retention.Artifact("failed", NOW.minusSeconds(5)));
        var releases = List.of(release("staging", "d1", "a1", 1), release("staging", "d2", "a2", 2),
                release("staging", "d3", "a3", 3));
        assertEquals(Set.of("a1"), Retention.toDelete(new Retention.Policy(2, null), artifacts, releases, Set.of(),
                NOW, GRACE).keySet());
        assertEquals(Set.of("a1", "failed"), Retention.toDelete(new Retention.Policy(2, null), artifacts, releases,
                Set.of(), NOW.plus(GRACE), GRACE).keySet());
    }

    @Test
    void youngArtifactsAndThoseOnTheirWayStay() {
        var artifacts = List.of(artifact("old", 40), artifact("recent", 3), artifact("rollback-target-soon", 50),
                new Retention.Artifact("just-built", NOW.minusSeconds(60)));
        var gone = Retention.toDelete(new Retention.Policy(1, 7), artifacts, List.of(),
                Set.of("rollback-target-soon"), NOW, GRACE);
        assertEquals(Set.of("old"), gone.keySet());
        assertEquals("not live, not the rollback target of a live release, not among the last 1 releases of any"
                + " environment, older than 7 days", gone.get("old"));
    }
}
