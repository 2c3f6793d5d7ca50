package dev.shiplog.deployment.domain.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.Violation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys are exact: given what the key holds and the request's fingerprint, when the request comes, then
 * it is written once, answered again, or refused.
 */
class IdempotencyTest {

    static final Duration DAY = Duration.ofHours(24);
    static final String REQUEST = Idempotency.fingerprint("{\"version\":\"1\"}");
    static final String OTHER = Idempotency.fingerprint("{\"version\":\"2\"}");

    @Test
    void theFirstRequestWithAKeyIsWrittenAsANewDeployment() {
        assertEquals(new Idempotency.Publish("new", false), Idempotency.decide(null, REQUEST, "new", DAY));
    }

    @Test
    void theSameRequestAgainIsTheSameDeploymentAndNothingIsWritten() {
        Idempotency.Held held = new Idempotency.Held(REQUEST, "d1", true, false);
        assertEquals(new Idempotency.Answer("d1"), Idempotency.decide(held, REQUEST, "new", DAY));
    }

    @Test
    void aRetryOfARequestThatNeverReachedTheLogIsWrittenAgainAsTheSameDeployment() {
        Idempotency.Held held = new Idempotency.Held(REQUEST, "d1", false, false);
        assertEquals(new Idempotency.Publish("d1", false), Idempotency.decide(held, REQUEST, "new", DAY));
    }

    @Test
    void anotherRequestWithTheKeyIsRefusedNamingTheKeyAndTheDeploymentItStandsFor() {
        Idempotency.Held held = new Idempotency.Held(REQUEST, "d1", true, false);
        Idempotency.Refuse refused = (Idempotency.Refuse) Idempotency.decide(held, OTHER, "new", DAY);
        assertEquals(Refusal.unprocessable("Idempotency-Key", "was already used for a different request (deployment"
                + " d1); a key stands for one request for 24 h"), refused.refusal());
    }

    @Test
    void pastTheWindowTheKeyStandsForTheNewRequest() {
        Idempotency.Held held = new Idempotency.Held(REQUEST, "d1", true, true);
        assertEquals(new Idempotency.Publish("new", true), Idempotency.decide(held, OTHER, "new", DAY));
    }

    @Test
    void aKeyHasALimitAndNoControlCharacters() {
        assertNull(Idempotency.violation(null));
        assertNull(Idempotency.violation("release-42"));
        assertEquals("Idempotency-Key", Idempotency.violation("k".repeat(201)).field());
        Violation nul = Idempotency.violation("a\u0000b");
        assertEquals("Idempotency-Key", nul.field());
    }

    @Test
    void aFingerprintIsTheSha256OfTheCanonicalForm() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Idempotency.fingerprint(""));
        assertNotEquals(REQUEST, OTHER);
    }
}
