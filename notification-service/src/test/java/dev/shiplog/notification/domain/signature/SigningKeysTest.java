package dev.shiplog.notification.domain.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shiplog.schema.common.SealedSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which secrets sign a webhook's attempt, before, during and after a rotation's grace period. */
class SigningKeysTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration GRACE = Duration.ofHours(24);

    static SealedSecret sealed(String name) {
        return SealedSecret.newBuilder().setName("subscription:s1").setKeyId("t1").setCiphertext(name).build();
    }

    @Test
    void aFirstSecretReplacesNothing() {
        SigningKeys keys = SigningKeys.NONE.rotate(sealed("one"), NOW, GRACE);
        assertEquals(new SigningKeys(sealed("one"), null, null), keys);
        assertEquals(List.of(sealed("one")), keys.signing(NOW));
    }

    @Test
    void aNewSecretSignsAndTheOneItReplacesSignsBesideItForTheGracePeriod() {
        SigningKeys keys = new SigningKeys(sealed("one"), null, null).rotate(sealed("two"), NOW, GRACE);
        assertEquals(new SigningKeys(sealed("two"), sealed("one"), NOW.plus(GRACE)), keys);
        assertEquals(List.of(sealed("two"), sealed("one")), keys.signing(NOW));
        assertEquals(List.of(sealed("two"), sealed("one")), keys.signing(NOW.plus(GRACE).minusSeconds(1)));
    }

    @Test
    void afterTheGracePeriodOnlyTheNewSecretSigns() {
        SigningKeys keys = new SigningKeys(sealed("one"), null, null).rotate(sealed("two"), NOW, GRACE);
        assertEquals(List.of(sealed("two")), keys.signing(NOW.plus(GRACE)));
        assertEquals(List.of(sealed("two")), keys.signing(NOW.plus(GRACE).plusSeconds(3600)));
    }

    @Test
    void aSecondRotationForgetsTheFirstSecret() {
        SigningKeys keys = new SigningKeys(sealed("one"), null, null).rotate(sealed("two"), NOW, GRACE)
                .rotate(sealed("three"), NOW.plusSeconds(60), GRACE);
        assertEquals(List.of(sealed("three"), sealed("two")), keys.signing(NOW.plusSeconds(60)));
    }

    @Test
    void aChangeWithoutANewSecretKeepsTheKeysAsTheyAre() {
        SigningKeys keys = new SigningKeys(sealed("two"), sealed("one"), NOW.plus(GRACE));
        assertSame(keys, keys.rotate(null, NOW.plusSeconds(60), GRACE));
    }

    @Test
    void withoutASecretNothingSigns() {
        assertEquals(List.of(), SigningKeys.NONE.signing(NOW));
        assertEquals(List.of(), new SigningKeys(null, sealed("one"), NOW.plus(GRACE)).signing(NOW));
    }
}
