package dev.shiplog.environment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings typed for the APIs, flat on the log: the one translation between the two. */
class SettingsTest {

    @Test
    void fixedScalingAndAllTheRestGoFlatAndComeBackTyped() {
        Settings typed = new Settings(new Settings.Scaling(3, null, null), "warn", false, "shop.example");
        Map<String, String> flat = Settings.flat(typed);
        assertEquals(Map.of("scaling.instances", "3", "logLevel", "warn", "caching", "disabled", "domain",
                "shop.example"), flat);
        assertEquals(typed, Settings.typed(flat));
    }

    @Test
    void autoScalingBoundsGoFlatAndComeBackTyped() {
        Settings typed = new Settings(new Settings.Scaling(null, 2, 10), null, true, null);
        assertEquals(Map.of("scaling.min", "2", "scaling.max", "10", "caching", "enabled"), Settings.flat(typed));
        assertEquals(typed, Settings.typed(Settings.flat(typed)));
    }

    @Test
    void noSettingsAreNone() {
        assertEquals(Map.of(), Settings.flat(null));
        assertEquals(Map.of(), Settings.flat(Settings.NONE));
        assertEquals(Settings.NONE, Settings.typed(Map.of()));
    }

    @Test
    void whatEventsWrittenBeforeTheSchemaHoldIsLeftOutNotGuessed() {
        assertEquals(new Settings(new Settings.Scaling(null, null, null), null, null, null),
                Settings.typed(Map.of("scaling.instances", "two", "caching", "sometimes", "colour", "blue")));
    }
}
