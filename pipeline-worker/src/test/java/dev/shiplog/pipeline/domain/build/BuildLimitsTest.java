package dev.shiplog.pipeline.domain.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A build's limits: the environment's settings, else the platform's defaults, never past its ceilings. */
class BuildLimitsTest {

    static final BuildLimits.Platform PLATFORM = new BuildLimits.Platform(1024, 256, 1.0, 2048, 8192, 4096, 4.0,
            16384);

    @Test
    void givenNoSettingsTheBuildGetsThePlatformsDefaults() {
        BuildLimits limits = BuildLimits.of(Map.of("logLevel", "debug"), PLATFORM);

        assertEquals(new BuildLimits(1024, 256, 1.0, 2048, java.util.Set.of(), List.of()), limits);
        assertEquals("the build went over its memory limit of 1024 MiB (the platform's default,"
                + " shiplog.build.limits.memory-mb; an environment sets its own with settings.buildLimits.memoryMb)",
                limits.exceeded(BuildLimits.Kind.MEMORY));
    }

    @Test
    void givenTheEnvironmentsSettingsTheyWinAndTheReasonNamesThem() {
        BuildLimits limits = BuildLimits.of(Map.of("buildLimits.memoryMb", "256", "buildLimits.processes", "32",
                "buildLimits.cpus", "0.5", "buildLimits.diskMb", "64"), PLATFORM);

        assertEquals(256, limits.memoryMb());
        assertEquals(32, limits.processes());
        assertEquals(0.5, limits.cpus());
        assertEquals(64, limits.diskMb());
        assertEquals("the build reached its limit of 32 processes at once (set by the environment's"
                + " settings.buildLimits.processes)", limits.exceeded(BuildLimits.Kind.PROCESSES));
        assertEquals("the build wrote more than its disk limit of 64 MiB (set by the environment's"
                + " settings.buildLimits.diskMb)", limits.exceeded(BuildLimits.Kind.DISK));
        assertEquals("limits: memory 256 MiB, 32 processes, 0.5 CPU, disk 64 MiB", limits.describe());
    }

    @Test
    void givenASettingPastTheCeilingTheCeilingApplies() {
        BuildLimits limits = BuildLimits.of(Map.of("buildLimits.memoryMb", "65536", "buildLimits.cpus", "64"),
                PLATFORM);

        assertEquals(8192, limits.memoryMb());
        assertEquals(4.0, limits.cpus());
        assertEquals(2, limits.notes().size());
        assertTrue(limits.notes().get(0).contains("shiplog.build.limits.max-memory-mb"), limits.notes().get(0));
        assertTrue(limits.exceeded(BuildLimits.Kind.MEMORY).contains("the platform's default"));
    }

    @Test
    void givenASettingTheLogHeldThatIsNoNumberTheDefaultApplies() {
        BuildLimits limits = BuildLimits.of(Map.of("buildLimits.diskMb", "lots\u0000"), PLATFORM);

        assertEquals(2048, limits.diskMb());
        assertEquals(List.of("settings.buildLimits.diskMb is not a number (lots?): the platform's default applies"),
                limits.notes());
    }

    @Test
    void anInstancesLimitsAreItsEnvironmentsInstanceLimitsNotItsBuildLimits() {
        BuildLimits.Platform runtime = new BuildLimits.Platform(512, 128, 1.0, 0, 8192, 4096, 4.0, 0);
        BuildLimits limits = BuildLimits.of(BuildLimits.Scope.INSTANCE, Map.of("buildLimits.memoryMb", "2048",
                "instanceLimits.memoryMb", "64", "instanceLimits.cpus", "9"), runtime);

        assertEquals(64, limits.memoryMb());
        assertEquals(128, limits.processes(), "the platform's default");
        assertEquals(4.0, limits.cpus(), "the ceiling");
        assertEquals("the instance went over its memory limit of 64 MiB (set by the environment's"
                + " settings.instanceLimits.memoryMb)", limits.exceeded(BuildLimits.Kind.MEMORY));
        assertEquals("the instance reached its limit of 128 processes at once (the platform's default,"
                + " shiplog.runtime.instance-limits.processes; an environment sets its own with"
                + " settings.instanceLimits.processes)", limits.exceeded(BuildLimits.Kind.PROCESSES));
        assertEquals(List.of("settings.instanceLimits.cpus asks for 9 CPU, past the platform's ceiling of 4 CPU"
                + " (shiplog.runtime.instance-limits.max-cpus): the ceiling applies"), limits.notes());
        assertEquals("limits: memory 64 MiB, 128 processes, 4 CPU", limits.describe());
    }
}
