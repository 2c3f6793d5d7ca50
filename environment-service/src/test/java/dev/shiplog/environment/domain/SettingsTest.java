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
    void buildLimitsGoFlatAndComeBackTyped() {
        Settings typed = new Settings(null, null, null, null,
                new Settings.BuildLimits(512, 64, new java.math.BigDecimal("0.50"), null));
        assertEquals(Map.of("buildLimits.memoryMb", "512", "buildLimits.processes", "64", "buildLimits.cpus", "0.5"),
                Settings.flat(typed));
        assertEquals(new Settings(null, null, null, null,
                new Settings.BuildLimits(512, 64, new java.math.BigDecimal("0.5"), null)),
                Settings.typed(Settings.flat(typed)));
        // a number far out of range stays short on its way to the rules that refuse it
        assertEquals("1E+99999", Settings.flat(new Settings(null, null, null, null,
                new Settings.BuildLimits(null, null, new java.math.BigDecimal("1e99999"), null)))
                .get("buildLimits.cpus"));
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

    @Test
    void instanceLimitsGoFlatAndComeBackTyped() {
        Settings typed = new Settings(null, null, null, null, null,
                new Settings.InstanceLimits(64, null, new java.math.BigDecimal("0.25")));
        Map<String, String> flat = Settings.flat(typed);
        assertEquals(Map.of("instanceLimits.memoryMb", "64", "instanceLimits.cpus", "0.25"), flat);
        assertEquals(typed, Settings.typed(flat));
        assertEquals(new Settings.InstanceLimits(null, 16, null), Settings.typed(Map.of("instanceLimits.processes",
                "16", "instanceLimits.cpus", "many")).instanceLimits(), "what the schema cannot type is left out");
    }
}
