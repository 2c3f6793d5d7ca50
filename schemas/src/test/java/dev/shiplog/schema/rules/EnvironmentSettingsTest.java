package dev.shiplog.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings' schema: each refusal names the setting and its rule. */
class EnvironmentSettingsTest {

    @Test
    void buildLimitsWithinTheirRangesAreSettings() {
        assertEquals(List.of(), EnvironmentSettings.violations(Map.of("buildLimits.memoryMb", "512",
                "buildLimits.processes", "64", "buildLimits.cpus", "0.5", "buildLimits.diskMb", "1024")));
        assertEquals(List.of(), EnvironmentSettings.violations(Map.of("buildLimits.cpus", "2")));
    }

    @Test
    void buildLimitsOutOfRangeOrNoNumberAreRefusedByName() {
        assertEquals(List.of(new EventRules.Violation("settings.buildLimits.memoryMb", "must be between 64 and 65536")),
                EnvironmentSettings.violations(Map.of("buildLimits.memoryMb", "63")));
        assertEquals(List.of(new EventRules.Violation("settings.buildLimits.processes", "must be a whole number")),
                EnvironmentSettings.violations(Map.of("buildLimits.processes", "1e3")));
        for (String cpus : List.of("0.05", "65", "1E+99999", "-1", "0.123", "Infinity", "NaN")) {
            assertEquals("settings.buildLimits.cpus", EnvironmentSettings.violations(Map.of("buildLimits.cpus", cpus))
                    .get(0).field(), cpus);
        }
        assertEquals("settings.buildLimits.swapMb", EnvironmentSettings.violations(Map.of("buildLimits.swapMb", "1"))
                .get(0).field());
    }

    @Test
    void instanceLimitsAreSettingsOfTheirOwnAndRefusedByNameOutOfRange() {
        assertEquals(List.of(), EnvironmentSettings.violations(Map.of("instanceLimits.memoryMb", "64",
                "instanceLimits.processes", "32", "instanceLimits.cpus", "0.5")));
        assertEquals(List.of(new EventRules.Violation("settings.instanceLimits.memoryMb",
                "must be between 16 and 65536")), EnvironmentSettings.violations(Map.of("instanceLimits.memoryMb",
                        "15")));
        assertEquals(List.of(new EventRules.Violation("settings.instanceLimits.processes",
                "must be between 8 and 32768")), EnvironmentSettings.violations(Map.of("instanceLimits.processes",
                        "7")));
        assertEquals("settings.instanceLimits.cpus", EnvironmentSettings.violations(Map.of("instanceLimits.cpus",
                "0.01")).get(0).field());
        assertEquals("settings.instanceLimits.diskMb", EnvironmentSettings.violations(Map.of(
                "instanceLimits.diskMb", "100")).get(0).field(), "an instance has no disk limit");
    }
}
