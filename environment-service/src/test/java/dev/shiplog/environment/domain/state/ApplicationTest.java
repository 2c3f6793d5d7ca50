package dev.shiplog.environment.domain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An environment's server application as its runtime reports it (ApplicationScaled, ApplicationCrashed): given the
 * facts so far (one a second from T0, folded as the projection and {@code asOf} fold them), when one more arrives,
 * then the application the environment shows.
 */
class ApplicationTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Fact.Configured PRODUCTION = new Fact.Configured("https://shop.example", Map.of(), false, false,
            null);

    @Test
    void thereIsNoneUntilTheRuntimeReportedOne() {
        assertNull(given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"), new Fact.HealthChanged("healthy"))
                .application());
    }

    @Test
    void aScalingSetsTheDeploymentTheInstancesAndTheLastScaling() {
        EnvironmentState state = given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                new Fact.ApplicationScaled("d1", 3, 1, "12 requests in flight per instance, target 4"));
        assertEquals(new Application("d1", 3, new Application.Scaled(at(2), 1, 3,
                "12 requests in flight per instance, target 4"), null), state.application());
        assertEquals(at(2), state.updatedAt());
    }

    @Test
    void aCrashSetsTheLastCrashAndKeepsTheInstancesAndTheLastScaling() {
        EnvironmentState state = given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                new Fact.ApplicationScaled("d1", 2, 1, "busy"),
                new Fact.ApplicationCrashed("d1", 1, 137, "out of memory", 5));
        assertEquals(new Application("d1", 2, new Application.Scaled(at(2), 1, 2, "busy"),
                new Application.Crash(at(3), 1, 137, "out of memory", 5)), state.application());
    }

    @Test
    void aCrashBeforeAnyScalingHasNoInstancesYet() {
        assertEquals(new Application("d1", null, null, new Application.Crash(at(2), 0, 1, "boom", 2)),
                given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                        new Fact.ApplicationCrashed("d1", 0, 1, "boom", 2)).application());
    }

    @Test
    void theLatestScalingAndTheLatestCrashAreKept() {
        Application application = given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                new Fact.ApplicationScaled("d1", 3, 1, "busy"), new Fact.ApplicationCrashed("d1", 0, 1, "a", 1),
                new Fact.ApplicationScaled("d1", 2, 3, "quiet"), new Fact.ApplicationCrashed("d1", 1, 2, "b", 4))
                .application();
        assertEquals(new Application("d1", 2, new Application.Scaled(at(4), 3, 2, "quiet"),
                new Application.Crash(at(5), 1, 2, "b", 4)), application);
    }

    @Test
    void aNewLiveReleaseHidesIt() {
        EnvironmentState state = given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                new Fact.ApplicationScaled("d1", 3, 1, "busy"), new Fact.ApplicationCrashed("d1", 0, 1, "x", 1),
                new Fact.Activated("d2", "a2", "2.0.0"));
        assertNull(state.liveApplication());
        assertEquals(new Application("d2", 1, new Application.Scaled(at(5), 2, 1, "quiet"), null),
                after(state, new Fact.ApplicationScaled("d2", 1, 2, "quiet"), 5).liveApplication());
    }

    @Test
    void whatTheNewReleaseReportedBeforeItsActivationArrivedIsShownOnceItIsLive() {
        // its events are on another topic than its activation: they may be applied first
        EnvironmentState before = given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                new Fact.ApplicationCrashed("d2", 0, 1, "x", 1));
        assertNull(before.liveApplication(), "d1 is live: d2's crash is not shown yet");
        assertEquals("d2", given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                new Fact.ApplicationCrashed("d2", 0, 1, "x", 1), new Fact.Activated("d2", "a2", "2.0.0"))
                .liveApplication().deploymentId());
    }

    @Test
    void theOrderOfAnActivationAmongTheApplicationsEventsChangesNothing() {
        // the projection and a rebuild apply the two topics in different orders: both must end in the same state
        Fact.Activated second = new Fact.Activated("d2", "a2", "2.0.0");
        List<History.Entry> reported = List.of(entry(2, new Fact.ApplicationScaled("d1", 3, 1, "busy")),
                entry(3, new Fact.ApplicationCrashed("d1", 0, 1, "x", 1)));
        Set<EnvironmentState> outcomes = new HashSet<>();
        for (int position = 0; position <= reported.size(); position++) {
            List<History.Entry> entries = new ArrayList<>(List.of(entry(0, PRODUCTION),
                    entry(1, new Fact.Activated("d1", "a1", "1.0.0"))));
            List<History.Entry> tail = new ArrayList<>(reported);
            tail.add(position, entry(4, second));
            entries.addAll(tail);
            outcomes.add(History.environments("shop", entries).get("production"));
        }
        assertEquals(1, outcomes.size(), outcomes.toString());
        assertNull(outcomes.iterator().next().liveApplication());
    }

    @Test
    void aWithdrawnReleasesApplicationGoesWithIt() {
        EnvironmentState state = given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                new Fact.Activated("d2", "a2", "2.0.0"), new Fact.ApplicationScaled("d2", 2, 1, "busy"));
        assertNotNull(state.liveApplication());
        assertNull(given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                new Fact.Activated("d2", "a2", "2.0.0"), new Fact.ApplicationScaled("d2", 2, 1, "busy"),
                new Fact.Withdrawn("d2")).liveApplication(), "d1 is live again: d2's counts are not its");
    }

    @Test
    void factsThatDoNotChangeWhatIsLiveKeepIt() {
        Application application = given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                new Fact.ApplicationScaled("d1", 2, 1, "busy"), new Fact.Succeeded("d1", "1.0.0", "a1"),
                new Fact.HealthChanged("degraded"), PRODUCTION, new Fact.Pinned("r", "why", "ann"))
                .application();
        assertEquals(new Application("d1", 2, new Application.Scaled(at(2), 1, 2, "busy"), null), application);
    }

    @Test
    void anotherDeploymentsReportStartsAfresh() {
        assertEquals(new Application("d2", null, null, new Application.Crash(at(3), 0, 1, "x", 1)),
                given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                        new Fact.ApplicationScaled("d1", 3, 1, "busy"), new Fact.ApplicationCrashed("d2", 0, 1, "x",
                                1)).application(), "d1's instances are not d2's");
    }

    @Test
    void aCountOutOfRangeOrABadDeploymentIdIsIgnored() {
        EnvironmentState before = given(PRODUCTION, new Fact.Activated("d1", "a1", "1.0.0"),
                new Fact.ApplicationScaled("d1", 2, 1, "busy"));
        for (Fact bad : List.of(new Fact.ApplicationScaled("d1", 1001, 2, "x"),
                new Fact.ApplicationScaled("d1", -1, 2, "x"), new Fact.ApplicationScaled("d1", 3, 5000, "x"),
                new Fact.ApplicationScaled("../etc", 3, 2, "x"), new Fact.ApplicationScaled("", 3, 2, "x"),
                new Fact.ApplicationCrashed("d1", -1, 1, "x", 1), new Fact.ApplicationCrashed("d1", 1001, 1, "x", 1),
                new Fact.ApplicationCrashed("d 1", 0, 1, "x", 1), new Fact.ApplicationCrashed(null, 0, 1, "x", 1),
                new Fact.ApplicationCrashed("d1", 0, 1, "x", -1))) {
            assertNotNull(Application.problem(bad), bad.toString());
            assertEquals(before, after(before, bad, 9), bad.toString());
        }
        assertEquals("instances: must be from 0 to 1000",
                Application.problem(new Fact.ApplicationScaled("d1", 1001, 2, "x")));
        assertNull(Application.problem(new Fact.ApplicationScaled("d1", 0, 1000, "x")), "the bounds are in");
        assertNull(Application.problem(new Fact.HealthChanged("down")), "not an application's");
    }

    @Test
    void theLastOutputIsKeptStorableAndCutTo2000Characters() {
        String longOutput = "x".repeat(1999) + "\uD83D\uDE00" + "y".repeat(500); // an emoji across the cut
        Fact.ApplicationCrashed crashed = new Fact.ApplicationCrashed("d1", 0, 1, longOutput, 1);
        assertEquals("x".repeat(1999), crashed.lastOutput(), "never half a character");
        assertEquals(2000, new Fact.ApplicationCrashed("d1", 0, 1, "z".repeat(5000), 1).lastOutput().length());
        assertEquals("a\uFFFDb", new Fact.ApplicationCrashed("d1", 0, 1, "a\u0000b", 1).lastOutput());
        assertEquals("short", new Fact.ApplicationCrashed("d1", 0, 1, "short", 1).lastOutput());
        assertEquals(Application.REASON, new Fact.ApplicationScaled("d1", 1, 0, "r".repeat(3000)).reason()
                .length());
    }

    /** The environment after {@code facts}, the n-th (from 0) at T0 + n seconds. */
    private static EnvironmentState given(Fact... facts) {
        List<History.Entry> entries = new ArrayList<>();
        for (int i = 0; i < facts.length; i++) {
            entries.add(new History.Entry("production", at(i), facts[i]));
        }
        return History.environments("shop", entries).get("production");
    }

    private static History.Entry entry(int second, Fact fact) {
        return new History.Entry("production", at(second), fact);
    }

    private static EnvironmentState after(EnvironmentState state, Fact fact, int second) {
        return state.after(fact, at(second), true, state.live());
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }
}
