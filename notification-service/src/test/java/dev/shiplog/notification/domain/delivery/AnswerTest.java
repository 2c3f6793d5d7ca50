package dev.shiplog.notification.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Given how a receiver answered, then whether the delivery is done, worth another attempt (and when), or final. */
class AnswerTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void a2xxIsDelivered() {
        for (int status : new int[] { 200, 201, 202, 204, 299 }) {
            Answer a = Answer.http(status, null, NOW);
            assertTrue(a.delivered(), "" + status);
            assertNull(a.error());
            assertEquals(status, a.status());
        }
    }

    @Test
    void a5xxIsTriedAgain() {
        Answer a = Answer.http(503, null, NOW);
        assertFalse(a.delivered());
        assertTrue(a.retryable());
        assertEquals("answered 503", a.error());
        assertNull(a.retryAfter());
    }

    @Test
    void a429IsTriedAgainNoSoonerThanItsRetryAfterInSecondsOrAsADate() {
        assertEquals(Duration.ofSeconds(30), Answer.http(429, "30", NOW).retryAfter());
        assertEquals(Duration.ofSeconds(90), Answer.http(429, "Tue, 01 Dec 2026 12:01:30 GMT", NOW).retryAfter());
        assertTrue(Answer.http(429, "30", NOW).retryable());
        // a 5xx may say it too
        assertEquals(Duration.ofSeconds(5), Answer.http(503, " 5 ", NOW).retryAfter());
    }

    @Test
    void aRetryAfterInThePastIsNowAndOneOverAnHourIsAnHour() {
        assertEquals(Duration.ZERO, Answer.http(429, "Tue, 01 Dec 2026 11:00:00 GMT", NOW).retryAfter());
        assertEquals(Duration.ZERO, Answer.http(429, "-5", NOW).retryAfter());
        assertEquals(Duration.ofHours(1), Answer.http(429, "86400", NOW).retryAfter());
        assertNull(Answer.http(429, "soon", NOW).retryAfter());
        assertNull(Answer.http(429, "", NOW).retryAfter());
    }

    @Test
    void anyOther4xxIsFinal() {
        Answer a = Answer.http(404, "30", NOW);
        assertFalse(a.delivered());
        assertFalse(a.retryable());
        assertEquals("answered 404 (not retried)", a.error());
        assertNull(a.retryAfter());
        assertFalse(Answer.http(400, null, NOW).retryable());
        assertFalse(Answer.http(410, null, NOW).retryable());
    }

    @Test
    void aRedirectIsNeverFollowedAndIsFinal() {
        Answer a = Answer.http(302, null, NOW);
        assertFalse(a.delivered());
        assertFalse(a.retryable());
        assertEquals("answered 302 (redirects are not followed)", a.error());
    }

    @Test
    void noAnswerOrAnUnreachableReceiverIsTriedAgain() {
        Answer silent = Answer.noAnswerWithin(Duration.ofSeconds(10));
        assertTrue(silent.retryable());
        assertNull(silent.status());
        assertEquals("no answer within 10000 ms", silent.error());
        assertEquals("could not be reached: ConnectException Connection refused",
                Answer.unreachable("ConnectException Connection refused").error());
        assertTrue(Answer.unreachable("x").retryable());
        assertTrue(Answer.mailRefused("SMTP down").retryable());
        assertEquals("SMTP: SMTP down", Answer.mailRefused("SMTP down").error());
    }

    @Test
    void aDestinationRefusedNowIsNotSentAndFinal() {
        Answer a = Answer.destinationRefused("must not point at this machine (127.0.0.1)");
        assertFalse(a.retryable());
        assertEquals("url must not point at this machine (127.0.0.1)", a.error());
    }

    @Test
    void aChannelThatFailsBeforeAnAnswerIsAFailedAttemptTriedAgainWithAPrintableBoundedReason() {
        Answer a = Answer.channelFailed("bad\u0000port\r\nforged: line " + "x".repeat(500));
        assertFalse(a.delivered());
        assertTrue(a.retryable());
        assertNull(a.status());
        assertTrue(a.error().startsWith("the attempt failed before an answer: bad port  forged: line x"), a.error());
        assertTrue(a.error().chars().noneMatch(Character::isISOControl));
        assertTrue(a.error().length() <= "the attempt failed before an answer: ".length() + Answer.MAX_REASON);
        assertEquals("the attempt failed before an answer: no reason given", Answer.channelFailed(null).error());
    }

    @Test
    void aFailedChannelAttemptSpendsAnAttemptAndTheLastOneIsDead() {
        Answer failed = Answer.channelFailed("boom");
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertEquals(DeliveryState.PENDING, Attempts.next(failed, 1, 3, NOW, backoff, 0.5).state());
        assertEquals(DeliveryState.DEAD, Attempts.next(failed, 3, 3, NOW, backoff, 0.5).state());
    }
}
