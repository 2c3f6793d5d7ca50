package dev.shiplog.notification.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given an attempt's answer and how many attempts were made, then what becomes of the delivery. */
class AttemptsTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    static Attempts.Next after(Answer answer, int attempt, int maxAttempts) {
        return Attempts.next(answer, attempt, maxAttempts, NOW, BACKOFF, 1.0);
    }

    @Test
    void aDeliveredAttemptEndsTheDelivery() {
        assertEquals(new Attempts.Next(DeliveryState.DELIVERED, null), after(Answer.http(204, null, NOW), 3, 8));
    }

    @Test
    void aFailureWorthRetryingIsDueAgainAfterTheBackoff() {
        assertEquals(new Attempts.Next(DeliveryState.PENDING, NOW.plusSeconds(1)), after(Answer.http(500, null, NOW), 1, 8));
        assertEquals(new Attempts.Next(DeliveryState.PENDING, NOW.plusSeconds(4)),
                after(Answer.noAnswerWithin(Duration.ofSeconds(10)), 3, 8));
    }

    @Test
    void a429IsDueAgainNoSoonerThanItAsked() {
        assertEquals(new Attempts.Next(DeliveryState.PENDING, NOW.plusSeconds(120)),
                after(Answer.http(429, "120", NOW), 1, 8));
    }

    @Test
    void theLastAttemptFailingMakesTheDeliveryDead() {
        assertEquals(new Attempts.Next(DeliveryState.DEAD, null), after(Answer.http(503, null, NOW), 8, 8));
        assertEquals(new Attempts.Next(DeliveryState.DEAD, null), after(Answer.http(503, null, NOW), 1, 1));
    }

    @Test
    void anAnswerRetryingCannotChangeMakesTheDeliveryDeadAtOnce() {
        assertEquals(new Attempts.Next(DeliveryState.DEAD, null), after(Answer.http(404, null, NOW), 1, 8));
        assertEquals(new Attempts.Next(DeliveryState.DEAD, null), after(Answer.http(301, null, NOW), 1, 8));
        assertEquals(new Attempts.Next(DeliveryState.DEAD, null),
                after(Answer.destinationRefused("must not point at this machine (127.0.0.1)"), 1, 8));
    }

    @Test
    void aDeliveryToAReceiverThatAlwaysFailsNeverExceedsItsAttempts() {
        for (int maxAttempts = 1; maxAttempts <= 20; maxAttempts++) {
            List<Instant> attempts = new ArrayList<>();
            Instant now = NOW;
            String state = DeliveryState.PENDING;
            // the dispatcher's loop: claim (the attempt's number grows), ask whether it may be made, make it, record
            for (int claimed = 1; state.equals(DeliveryState.PENDING); claimed++) {
                if (!Attempts.mayAttempt(claimed, maxAttempts)) {
                    state = Attempts.notMade(Attempts.noAttemptLeft(claimed, maxAttempts)).state();
                    break;
                }
                attempts.add(now);
                Attempts.Next next = Attempts.next(Answer.http(503, null, now), claimed, maxAttempts, now, BACKOFF,
                        0.5);
                state = next.state();
                if (next.dueAt() != null) {
                    assertTrue(next.dueAt().isAfter(now));
                    now = next.dueAt();
                }
            }
            assertEquals(maxAttempts, attempts.size(), "maxAttempts " + maxAttempts);
            assertEquals(DeliveryState.DEAD, state);
        }
    }

    @Test
    void anAttemptClaimedBeyondTheLastIsNotMade() {
        // the instance that made the 3rd and last attempt died before recording it: its lease ran out, claimed again
        assertTrue(Attempts.mayAttempt(3, 3));
        assertFalse(Attempts.mayAttempt(4, 3));
        // the subscription now allows fewer than were made
        assertFalse(Attempts.mayAttempt(6, 2));
        Answer reason = Attempts.noAttemptLeft(4, 3);
        assertFalse(reason.retryable());
        assertNull(reason.status());
        assertEquals("not sent: the subscription's attempts (maxAttempts 3) are used up, 3 made (one whose answer was"
                + " not recorded counts)", reason.error());
        assertEquals(new Attempts.Next(DeliveryState.DEAD, null), Attempts.notMade(reason));
        assertEquals("not sent: the subscription's attempts (maxAttempts 2) are used up, 5 made (one whose answer was"
                + " not recorded counts)", Attempts.noAttemptLeft(6, 2).error());
    }

    @Test
    void onlyAFinalAnswerEndsADeliveryWithoutAnAttempt() {
        assertThrows(IllegalArgumentException.class, () -> Attempts.notMade(Answer.http(503, null, NOW)));
    }

    @Test
    void aClaimHoldsForTheReceiversTimeAndAMarginToRecordIt() {
        assertEquals(Duration.ofSeconds(15), Attempts.lease(Duration.ofSeconds(10)));
    }
}
