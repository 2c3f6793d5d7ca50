package dev.shiplog.deployment.domain.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.Requests;
import org.junit.jupiter.api.Test;

/** Given how many deployments wait in an environment, when one more is asked for, then it joins or is refused. */
class WaitingCapTest {

    @Test
    void belowTheCapARequestJoinsTheEnvironmentsLane() {
        assertNull(WaitingCap.refusal(Requests.fromGit(), 0, 3));
        assertNull(WaitingCap.refusal(Requests.fromGit(), 2, 3));
    }

    @Test
    void atTheCapARequestIsAConflictNamingTheCapAndHowToChangeIt() {
        assertEquals(Refusal.conflict("environment", "Environment staging of project shop already has 3 deployments"
                + " waiting, its cap (shiplog.limits.max-waiting = 3); ask again once some have started"),
                WaitingCap.refusal(Requests.fromGit(), 3, 3));
        assertEquals(Refusal.Kind.CONFLICT, WaitingCap.refusal(Requests.fromGit(), 500, 3).kind());
    }

    @Test
    void aRollbackIsNeverHeldBackByTheCap() {
        assertNull(WaitingCap.refusal(Requests.rollbackTo("v0"), 500, 3));
    }
}
