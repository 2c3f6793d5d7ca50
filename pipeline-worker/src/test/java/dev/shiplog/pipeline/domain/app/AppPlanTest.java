package dev.shiplog.pipeline.domain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a server application's release runs, as plain given / when / then. */
class AppPlanTest {

    static AppPlan plan(Map<String, String> settings) {
        return AppPlan.of("d-1", "shop", "staging", settings, Map.of("GREETING", "hello", "PORT", "1"),
                Map.of("API_TOKEN", "s3cr3t"), Map.of("APP_VERSION", "2", "SHIPLOG_RELEASE", "forged"), null);
    }

    @Test
    void anInstanceSeesTheVariablesTheSecretsItsOwnAndThePlatformsWhichNothingOverrides() {
        Map<String, String> env = plan(Map.of("logLevel", "debug", "domain", "shop.example.com")).environmentOf(1);
        assertEquals("hello", env.get("GREETING"));
        assertEquals("s3cr3t", env.get("API_TOKEN"));
        assertEquals("2", env.get("APP_VERSION"));
        assertEquals("8080", env.get("PORT"));
        assertEquals("d-1", env.get("SHIPLOG_RELEASE"));
        assertEquals("debug", env.get("SHIPLOG_LOG_LEVEL"));
        assertEquals("staging", env.get("SHIPLOG_ENVIRONMENT"));
        assertEquals("shop", env.get("SHIPLOG_PROJECT"));
        assertEquals("shop.example.com", env.get("SHIPLOG_DOMAIN"));
        assertEquals("1", env.get("SHIPLOG_INSTANCE"));
    }

    @Test
    void withoutSettingsTheLogLevelIsInfoAndThereIsNoDomain() {
        Map<String, String> env = plan(Map.of()).environmentOf(0);
        assertEquals("info", env.get("SHIPLOG_LOG_LEVEL"));
        assertTrue(!env.containsKey("SHIPLOG_DOMAIN"));
    }

    @Test
    void theNumberOfInstancesIsTheFixedOneOrTheLowerBoundOfAutoScalingOrOne() {
        assertEquals(3, plan(Map.of("scaling.instances", "3")).instances());
        assertEquals(2, plan(Map.of("scaling.min", "2", "scaling.max", "5")).instances());
        assertEquals(1, plan(Map.of()).instances());
        assertEquals(1, plan(Map.of("scaling.instances", "-4")).instances(), "what the log holds is input too");
        assertEquals(1, plan(Map.of("scaling.instances", "many")).instances());
    }

    @Test
    void aReleaseNeedingMoreProcessesThanAreFreeIsRefusedSayingHowManyAndWhichSetting() {
        AppPlan three = plan(Map.of("scaling.instances", "3"));
        assertNull(three.refusal(3, 16));
        assertEquals("the release needs 3 instance(s) but this worker runs at most 16 application processes"
                + " (shiplog.runtime.app-slots) and 2 are free", three.refusal(2, 16));
    }

    @Test
    void aCrashedInstanceWaitsOneSecondDoublingPerCrashInARowUpToTheMaximum() {
        Duration max = Duration.ofSeconds(30);
        assertEquals(Duration.ofSeconds(1), AppPlan.restartDelay(1, max));
        assertEquals(Duration.ofSeconds(2), AppPlan.restartDelay(2, max));
        assertEquals(Duration.ofSeconds(16), AppPlan.restartDelay(5, max));
        assertEquals(max, AppPlan.restartDelay(6, max));
        assertEquals(max, AppPlan.restartDelay(1000, max));
    }

    @Test
    void aRequestGoesToTheReadyInstanceWithTheFewestInFlight() {
        assertEquals(2, AppPlan.leastOutstanding(new int[] { 3, 1, 0 }, new boolean[] { true, true, true }));
        assertEquals(1, AppPlan.leastOutstanding(new int[] { 3, 1, 0 }, new boolean[] { true, true, false }));
        assertEquals(0, AppPlan.leastOutstanding(new int[] { 1, 1 }, new boolean[] { true, true }), "first of equals");
        assertEquals(-1, AppPlan.leastOutstanding(new int[] { 0 }, new boolean[] { false }), "none ready");
    }
}
