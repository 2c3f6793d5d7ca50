package dev.shiplog.deployment.domain.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.deployment.domain.metrics.DeliveryMetrics.Figure;
import dev.shiplog.deployment.domain.metrics.DeliveryMetrics.Finished;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The success metrics and DORA keys of a scripted history, as plain given / when / then. */
class DeliveryMetricsTest {

    static final Instant DAY0 = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant DAY2 = DAY0.plusSeconds(2 * 86_400);

    /** A deployment requested at minute {@code at} that ended {@code seconds} later. */
    static Finished d(String env, String kind, String status, int at, int seconds) {
        Instant requested = DAY0.plusSeconds(at * 60L);
        return new Finished(env + "-" + at, env, kind, status, requested, requested.plusSeconds(seconds));
    }

    static Map<String, Figure> figures(List<Finished> history) {
        return DeliveryMetrics.of(history, DAY0, DAY2).stream().collect(Collectors.toMap(Figure::name, f -> f));
    }

    @Test
    void givenNothingFinishedEveryRateAndTimeIsUnknownAndTheFrequencyZero() {
        Map<String, Figure> f = figures(List.of());

        assertNull(f.get("successRate").value());
        assertNull(f.get("deploymentTimeP50").value());
        assertNull(f.get("changeFailureRate").value());
        assertEquals(0.0, f.get("deploymentFrequency").value());
        assertEquals(7, f.size());
    }

    @Test
    void givenAScriptedHistoryEachFigureIsWhatItsDefinitionSays() {
        List<Finished> history = List.of(
                d("production", "build", "success", 0, 100),    // live at 0:01:40
                d("production", "build", "failed", 10, 50),     // broken at 0:10:50
                d("production", "build", "success", 20, 200),   // restored at 0:23:20: 12 min 30 s
                d("production", "rollback", "success", 30, 30), // rolls the 0:20 one back: a failed change
                d("production", "build", "success", 40, 300),
                d("staging", "build", "success", 5, 60),
                d("staging", "promotion", "success", 50, 20),
                d("staging", "build", "cancelled", 60, 10));     // not counted in the success rate

        Map<String, Figure> f = figures(history);

        assertEquals(6.0 / 7, f.get("successRate").value(), 1e-9);
        assertEquals(7, f.get("successRate").sample());
        // builds that succeeded took 100, 200, 300 and 60 s: the median (nearest rank) is 100, the 95th 300
        assertEquals(100.0, f.get("deploymentTimeP50").value());
        assertEquals(300.0, f.get("deploymentTimeP95").value());
        assertEquals(30.0, f.get("rollbackTimeP50").value());
        // five changes (four builds, a promotion) over two days; one of them rolled back
        assertEquals(2.5, f.get("deploymentFrequency").value(), 1e-9);
        assertEquals(0.2, f.get("changeFailureRate").value(), 1e-9);
        // restores: the failure at 0:10:50 to the success at 0:23:20 (750 s); the rollback asked at 0:30 to its
        // own end at 0:30:30 (30 s): the median of two is the lower, nearest rank
        assertEquals(30.0, f.get("timeToRestore").value());
        assertEquals(2, f.get("timeToRestore").sample());
    }

    @Test
    void onlyWhatFinishedInTheWindowCountsButAFailureBeforeItStillStartsARestore() {
        List<Finished> history = new ArrayList<>(List.of(
                new Finished("old", "production", "build", "failed", DAY0.minusSeconds(600), DAY0.minusSeconds(500)),
                d("production", "build", "success", 5, 100)));

        Map<String, Figure> f = figures(history);

        assertEquals(1.0, f.get("successRate").value());
        assertEquals(1, f.get("successRate").sample());
        assertEquals(900.0, f.get("timeToRestore").value(), "from 500 s before the window to 0:06:40");
        assertEquals(List.of(), DeliveryMetrics.of(history, DAY2, DAY2.plusSeconds(60)).stream()
                .filter(x -> x.sample() > 0).toList());
    }

    @Test
    void everyFigureSaysWhatItMeasures() {
        for (Figure figure : DeliveryMetrics.of(List.of(), DAY0, DAY2)) {
            assertEquals(true, figure.definition().length() > 20, figure.name());
        }
    }
}
