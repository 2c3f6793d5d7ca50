package dev.shiplog.pipeline.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which application a worker serves an environment with, as plain given / when / then. */
class ServedHereTest {

    @Test
    void aSwitchToAnotherApplicationNamesTheOneToStop() {
        ServedHere here = new ServedHere();
        assertEquals(Optional.empty(), here.switched("shop", "staging", "d1", true));

        assertEquals(Optional.of("d1"), here.switched("shop", "staging", "d2", true));
        assertEquals(Optional.of("d2"), here.of("shop", "staging"));
    }

    @Test
    void aSwitchToTheSameReleaseStopsNothing() {
        ServedHere here = new ServedHere();
        here.switched("shop", "staging", "d1", true);

        assertEquals(Optional.empty(), here.switched("shop", "staging", "d1", true));
    }

    @Test
    void aSwitchToASiteOrAwayLetsTheApplicationGo() {
        ServedHere here = new ServedHere();
        here.switched("shop", "staging", "d1", true);
        here.switched("shop", "production", "d7", true);

        assertEquals(Optional.of("d1"), here.switched("shop", "staging", "site", false));
        assertEquals(Optional.empty(), here.of("shop", "staging"));
        assertEquals(Optional.of("d7"), here.removed("shop", "production"));
        assertEquals(Optional.empty(), here.of("shop", "production"), "each environment its own");
    }
}
