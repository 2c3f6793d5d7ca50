package dev.shiplog.pipeline.domain.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.domain.Restore;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentScheduled;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The lane's rules, given what happened, when something happens, expect these decisions. No database, no broker:
 * decisions are read as short sentences ("queued d2 at 1 behind d1", "run d2 #1").
 */
class LaneTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String A = "worker-a";
    static final String B = "worker-b";

    final AtomicInteger ids = new AtomicInteger();
    final DeploymentEvents events = new DeploymentEvents(Clock.fixed(T0, ZoneOffset.UTC),
            () -> "e" + ids.incrementAndGet());
    Lane lane = new Lane("shop", "staging", List.of(), events);

    @Test
    void theFirstRequestRunsAtOnceAndTheNextWaitsBehindIt() {
        expect(request("d1"), "queued d1 at 0", "run d1 #1");
        expect(request("d2"), "queued d2 at 1 behind d1");
        expect(request("d3"), "queued d3 at 2 behind d1");
    }

    @Test
    void aFinishedDeploymentLeavesAndTheNextRuns() {
        given(request("d1"), request("d2"));
        expect(lane.finish("d1", cause(), A), "run d2 #1");
        expect(lane.finish("d1", cause(), A)); // the same end seen again changes nothing
        expect(lane.finish("d2", cause(), A));
        assertTrue(lane.entries().isEmpty());
    }

    @Test
    void aWaitingDeploymentCancelledLeavesAtOnceAndNeverRuns() {
        given(request("d1"), request("d2"), request("d3"));
        expect(lane.cancel("d2", "wrong branch", cause(), A), "cancelled d2 (wrong branch)");
        expect(lane.finish("d1", cause(), A), "run d3 #1");
    }

    @Test
    void aRunningDeploymentIsStoppedAndCannotGoLiveAfterwards() {
        given(request("d1"));
        expect(lane.cancel("d1", "typo", cause(), A), "stop d1 (typo)");
        assertFalse(lane.claimActivation("d1", 1, A), "a cancel before the claim wins");
    }

    @Test
    void aCancelAfterTheClaimIsTooLate() {
        given(request("d1"));
        assertTrue(lane.claimActivation("d1", 1, A));
        expect(lane.cancel("d1", "too late", cause(), A));
        assertEquals(null, lane.entry("d1").orElseThrow().cancelReason());
    }

    @Test
    void aCancelAfterAClaimReadFromTheLogIsTooLateToo() {
        // what a rebuild replays: the claim made live is on the log (DeploymentGoingLive), whichever attempt ran it
        given(request("d1"));
        lane.claimedOnLog("d1");
        expect(lane.cancel("d1", "too late", cause(), A));
        assertEquals(null, lane.entry("d1").orElseThrow().cancelReason());
        assertTrue(lane.entry("d1").orElseThrow().activating());
    }

    @Test
    void aClaimReadFromTheLogOfADeploymentNotRunningChangesNothing() {
        given(request("d1"), request("d2"));
        lane.claimedOnLog("d2");
        lane.claimedOnLog("unknown");
        assertFalse(lane.entry("d2").orElseThrow().activating());
    }

    @Test
    void onlyTheAttemptThatHoldsTheEnvironmentMayGoLive() {
        given(request("d1"));
        assertFalse(lane.claimActivation("d1", 1, B), "another instance");
        assertFalse(lane.claimActivation("d1", 2, A), "another attempt");
        assertTrue(lane.claimActivation("d1", 1, A));
    }

    @Test
    void anOrphanRunsAgainOnAnotherInstanceAndItsOldAttemptIsFencedOff() {
        given(request("d1"));
        expect(lane.orphan("d1", null, 3, cause(), B), "run d1 #2");
        assertEquals(B, lane.entry("d1").orElseThrow().owner());
        assertFalse(lane.claimActivation("d1", 1, A), "the first attempt, on the instance thought dead, is fenced off");
    }

    @Test
    void anOrphanWhoseReleaseTheLogShowsLiveSucceeds() {
        given(request("d1"));
        lane.claimActivation("d1", 1, A);
        expect(lane.orphan("d1", new LiveRelease("d1", "a".repeat(64), "http://x/deployments/d1/",
                "http://x/sites/shop/staging/", null), 3, cause(), B), "succeeded d1");
    }

    @Test
    void anOrphanBeingCancelledIsCancelledAndOneTriedTooOftenFails() {
        given(request("d1"), request("d2"));
        lane.cancel("d1", "stop it", cause(), A);
        expect(lane.orphan("d1", null, 3, cause(), B), "cancelled d1 (stop it)");
        lane.finish("d1", cause(), B);
        expect(lane.orphan("d2", null, 3, cause(), A), "run d2 #2");
        expect(lane.orphan("d2", null, 3, cause(), B), "run d2 #3");
        expect(lane.orphan("d2", null, 3, cause(), A), "failed d2 (the pipeline-worker running it stopped 3 time(s)"
                + " (the most a deployment is tried); it did not go live)");
    }

    @Test
    void aPoisonedRequestFailsItsDeploymentAndTheLaneGoesOn() {
        given(request("d1"), request("d2"));
        expect(lane.poisoned("d1", false, "DeploymentSucceeded: boom", cause(), A), "stop d1 (DeploymentSucceeded:"
                + " boom)", "failed d1 (the platform could not process this deployment's DeploymentSucceeded: boom)",
                "run d2 #1");
        expect(lane.poisoned("d9", false, "DeploymentRequested: bad", cause(), A), "stop d9 (DeploymentRequested:"
                + " bad)", "failed d9 (the platform could not process this deployment's DeploymentRequested: bad)");
        expect(lane.poisoned("d2", true, "DeploymentFailed: boom", cause(), A));
        assertTrue(lane.entries().isEmpty());
    }

    @Test
    void aHeadWhoseStartWasLostIsStarted() {
        lane = new Lane("shop", "staging", List.of(Entry.requested("d1", 5, T0, "1.0")), events);
        expect(lane.startStalledHead(cause(), A), "run d1 #1");
        expect(lane.startStalledHead(cause(), A));
    }

    @Test
    void aDeploymentAwaitingApprovalWaitsAsideAndRunsOnceApproved() {
        expect(awaiting("d1", T0.plusSeconds(600)));
        expect(request("d2"), "queued d2 at 0", "run d2 #1"); // d1 holds no place while it waits
        expect(lane.approve("d1", cause(), A), "queued d1 at 1 behind d2");
        expect(lane.approve("d1", cause(), A)); // approved twice: once
        expect(lane.finish("d2", cause(), A), "run d1 #1");
    }

    @Test
    void anApprovedDeploymentRunsAtOnceWhenNothingRuns() {
        given(awaiting("d1", T0.plusSeconds(600)));
        expect(lane.approve("d1", cause(), A), "queued d1 at 0", "run d1 #1");
    }

    @Test
    void aRejectedOrExpiredDeploymentIsCancelledWithTheReasonAndNeverRuns() {
        given(awaiting("d1", T0.plusSeconds(600)), awaiting("d2", T0.plusSeconds(60)));
        expect(lane.reject("d1", "rejected by ben: not today", cause(), A), "cancelled d1 (rejected by ben: not"
                + " today)");
        expect(lane.approve("d1", cause(), A)); // too late: it is over
        expect(lane.expire("d2", T0.plusSeconds(59), cause(), A)); // not yet
        expect(lane.expire("d2", T0.plusSeconds(60), cause(), A), "cancelled d2 (nobody approved it before "
                + T0.plusSeconds(60) + " (the approval expired))");
        assertTrue(lane.entries().isEmpty());
    }

    @Test
    void aDeploymentAwaitingApprovalCanBeCancelledAndAnApprovedOneNoLongerExpires() {
        given(awaiting("d1", T0.plusSeconds(60)), awaiting("d2", T0.plusSeconds(60)));
        expect(lane.cancel("d1", "changed my mind", cause(), A), "cancelled d1 (changed my mind)");
        expect(lane.approve("d2", cause(), A), "queued d2 at 0", "run d2 #1");
        expect(lane.expire("d2", T0.plusSeconds(3600), cause(), A));
    }

    @Test
    void aRollbackPinsStopsWhatRunsCancelsWhatWaitsAndRunsNext() {
        given(request("d1"), request("d2"), awaiting("d3", T0.plusSeconds(600)), scheduled("d4", T0.plusSeconds(60)));
        expect(rollback("r1", "t1", "bad release"), "pinned by r1 (rolled back to t1: bad release)",
                "stop d1 (cancelled: rollback r1 pinned the environment)",
                "cancelled d2 (cancelled: rollback r1 pinned the environment)",
                "cancelled d3 (cancelled: rollback r1 pinned the environment)",
                "cancelled d4 (cancelled: rollback r1 pinned the environment)", "queued r1 at 1 behind d1");
        expect(lane.finish("d1", cause(), A), "run r1 #1");
        assertEquals("r1", lane.pin().rollbackDeploymentId());
    }

    @Test
    void aRollbackWaitsForADeploymentAlreadyGoingLiveAndFollowsIt() {
        given(request("d1"));
        assertTrue(lane.claimActivation("d1", 1, A));
        expect(rollback("r1", "t1", null), "pinned by r1 (rolled back to t1)", "queued r1 at 1 behind d1");
        expect(lane.finish("d1", cause(), A), "run r1 #1");
    }

    @Test
    void whilePinnedEveryOtherDeploymentIsCancelledUntilAnUnpin() {
        given(rollback("r1", "t1", "oops"));
        expect(lane.finish("r1", cause(), A));
        expect(request("d2"), "cancelled d2 (the environment is pinned by rollback r1 (oops); unpin it to deploy"
                + " here again)");
        given(awaiting("d3", T0.plusSeconds(600)));
        expect(lane.approve("d3", cause(), A), "cancelled d3 (the environment is pinned by rollback r1 (oops);"
                + " unpin it to deploy here again)");
        expect(rollback("r2", "t0", null), "pinned by r2 (rolled back to t0)", "queued r2 at 0", "run r2 #1");
        expect(lane.finish("r2", cause(), A));
        expect(lane.unpin());
        expect(request("d4"), "queued d4 at 0", "run d4 #1");
    }

    @Test
    void aScheduledDeploymentWaitsAsideForItsTimeThenTakesItsPlace() {
        expect(scheduled("d1", T0.plusSeconds(60)), "scheduled d1 for " + T0.plusSeconds(60));
        expect(request("d2"), "queued d2 at 0", "run d2 #1"); // d1 holds no place before its time
        expect(lane.due("d1", T0.plusSeconds(59), cause(), A));
        expect(lane.due("d1", T0.plusSeconds(60), cause(), A), "queued d1 at 1 behind d2");
        expect(lane.due("d1", T0.plusSeconds(61), cause(), A)); // once
        expect(lane.finish("d2", cause(), A), "run d1 #1");
        given(scheduled("d3", T0.plusSeconds(60)));
        expect(lane.cancel("d3", "not tonight", cause(), A), "cancelled d3 (not tonight)");
        expect(lane.due("d3", T0.plusSeconds(60), cause(), A));
    }

    @Test
    void aScheduledDeploymentWhoseTimeComesWhilePinnedIsCancelledAndOneInThePastJoinsAtOnce() {
        given(rollback("r1", "t1", null));
        // set aside (the pin may be lifted before its time)... then, at its time, refused by the pin
        expect(scheduled("d1", T0.plusSeconds(60)), "scheduled d1 for " + T0.plusSeconds(60));
        expect(lane.due("d1", T0.plusSeconds(60), cause(), A), "cancelled d1 (the environment is pinned by rollback"
                + " r1; unpin it to deploy here again)");
        expect(lane.finish("r1", cause(), A));
        expect(lane.unpin());
        expect(scheduled("d2", T0.minusSeconds(1)), "queued d2 at 0", "run d2 #1");
    }

    @Test
    void aPromotionTakesItsPlaceLikeAnyDeployment() {
        given(request("d1"));
        expect(lane.request(Entry.of("p1", ids.incrementAndGet(), T0, "1.0", null, null,
                Restore.promotion("s1")), cause(), A), "queued p1 at 1 behind d1");
        expect(lane.finish("d1", cause(), A), "run p1 #1");
    }

    @Test
    void anOrphanedRollbackWhoseReleaseTheLogShowsLiveRollsBackWhatItReplacedAndSucceeds() {
        given(rollback("r1", "t1", "bad"));
        expect(lane.orphan("r1", new LiveRelease("r1", "sha", "u/r1", "u/env", "d0"), 3, cause(), B),
                "rolled back d0 to t1 by r1 (bad)", "succeeded r1");
    }

    // --- given / when / expect

    List<Decision> rollback(String id, String target, String reason) {
        return lane.request(Entry.of(id, ids.incrementAndGet(), T0, "1.0", null, null,
                Restore.rollback(target, null, reason, false)), cause(), A);
    }

    List<Decision> scheduled(String id, Instant notBefore) {
        return lane.request(Entry.of(id, ids.incrementAndGet(), T0, "1.0", null, notBefore, null), cause(), A);
    }

    List<Decision> awaiting(String id, Instant expiresAt) {
        return lane.request(Entry.awaitingApproval(id, ids.incrementAndGet(), T0, "1.0", expiresAt), cause(), A);
    }

    List<Decision> request(String id) {
        return lane.request(Entry.requested(id, ids.incrementAndGet(), T0, "1.0"), cause(), A);
    }

    @SafeVarargs
    final void given(List<Decision>... happened) {
        // what happened is applied by the calls that made these lists
    }

    void expect(List<Decision> decisions, String... expected) {
        assertEquals(List.of(expected), decisions.stream().map(LaneTest::say).toList());
    }

    static Envelope cause() {
        return Envelope.newBuilder().setEventId("cause").setOccurredAt(T0).setActor("ada").setCorrelationId("d")
                .build();
    }

    static String say(Decision decision) {
        if (decision instanceof Decision.Run run) {
            return "run " + run.deploymentId() + " #" + run.attempt();
        }
        if (decision instanceof Decision.Stop stop) {
            return "stop " + stop.deploymentId() + " (" + stop.reason() + ")";
        }
        SpecificRecord event = ((Decision.Emit) decision).event();
        assertEquals("cause", ((Envelope) event.get(0)).getCausationId());
        if (event instanceof EnvironmentPinned p) {
            assertEquals("ada", p.getEnvelope().getActor()); // whoever asked for the rollback pinned it
            return "pinned by " + p.getRollbackDeploymentId() + " (" + p.getReason() + ")";
        }
        assertEquals("service:pipeline-worker", ((Envelope) event.get(0)).getActor());
        if (event instanceof DeploymentScheduled s) {
            return "scheduled " + s.getDeploymentId() + " for " + s.getNotBefore();
        }
        if (event instanceof DeploymentRolledBack r) {
            return "rolled back " + r.getDeploymentId() + " to " + r.getRestoredDeploymentId() + " by "
                    + r.getRollbackDeploymentId() + " (" + r.getReason() + ")";
        }
        if (event instanceof DeploymentQueued q) {
            return "queued " + q.getDeploymentId() + " at " + q.getPosition()
                    + (q.getBlockedBy() == null ? "" : " behind " + q.getBlockedBy());
        }
        if (event instanceof DeploymentCancelled c) {
            return "cancelled " + c.getDeploymentId() + " (" + c.getReason() + ")";
        }
        if (event instanceof DeploymentFailed f) {
            return "failed " + f.getDeploymentId() + " (" + f.getReason() + ")";
        }
        if (event instanceof DeploymentSucceeded s) {
            return "succeeded " + s.getDeploymentId();
        }
        List<String> unknown = new ArrayList<>();
        unknown.add(event.getSchema().getName());
        return unknown.toString();
    }
}
